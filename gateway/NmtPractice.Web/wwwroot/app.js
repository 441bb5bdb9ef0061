// The little the web application needs from the browser beyond Blazor: modal dialogs, moving focus,
// and knowing the viewport. Loaded as a file (the gateway's CSP allows no inline script).
window.nmt = {
  showDialog(dialog) {
    if (dialog && !dialog.open) {
      dialog.showModal();
    }
  },
  closeDialog(dialog) {
    if (dialog && dialog.open) {
      dialog.close();
    }
  },
  focus(selector) {
    const element = typeof selector === 'string' ? document.querySelector(selector) : selector;
    if (element) {
      element.focus({ preventScroll: false });
      element.scrollIntoView({ block: 'nearest' });
    }
  },
  isNarrow() {
    return window.matchMedia('(max-width: 720px)').matches;
  },
};
