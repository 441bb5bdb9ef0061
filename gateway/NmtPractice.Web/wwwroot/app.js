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

// Dragging appointments on the calendar, with a mouse, a pen or a finger (a long press starts the
// drag on touch screens, so that a swipe still scrolls). The page decides and confirms: the script
// only reports where an appointment was dropped (column and minutes from the grid's first hour).
window.nmt.calendar = {
  attach(grid, page, minuteHeight, snapMinutes) {
    if (!grid || grid.nmtDrag) {
      return;
    }

    const state = { card: null, ghost: null, startX: 0, startY: 0, dragging: false, pressTimer: 0, pointerId: 0 };
    grid.nmtDrag = state;

    const target = (x, y) => {
      const under = document.elementsFromPoint(x, y).find(element => element.matches && element.matches('[data-drop-column]'));
      if (!under) {
        return null;
      }
      const box = under.getBoundingClientRect();
      const minutes = Math.max(0, Math.round((y - box.top - state.offsetY) / minuteHeight / snapMinutes) * snapMinutes);
      return { column: under.dataset.dropColumn, minutes, box };
    };

    const begin = () => {
      state.dragging = true;
      state.card.classList.add('dragging');
      const ghost = state.card.cloneNode(true);
      ghost.classList.add('drag-ghost');
      ghost.removeAttribute('data-testid');
      ghost.setAttribute('aria-hidden', 'true');
      ghost.querySelectorAll('[id]').forEach(element => element.removeAttribute('id'));
      ghost.style.width = `${state.card.offsetWidth}px`;
      ghost.style.height = `${state.card.offsetHeight}px`;
      document.body.appendChild(ghost);
      state.ghost = ghost;
    };

    const move = (x, y) => {
      const spot = target(x, y);
      if (spot) {
        state.ghost.style.left = `${spot.box.left + 4}px`;
        state.ghost.style.top = `${spot.box.top + spot.minutes * minuteHeight}px`;
        state.ghost.style.width = `${spot.box.width - 8}px`;
      } else {
        state.ghost.style.left = `${x - state.offsetX}px`;
        state.ghost.style.top = `${y - state.offsetY}px`;
      }
    };

    const end = (x, y, dropped) => {
      clearTimeout(state.pressTimer);
      const card = state.card;
      if (state.ghost) {
        state.ghost.remove();
      }
      if (card) {
        card.classList.remove('dragging');
      }
      const spot = dropped && state.dragging ? target(x, y) : null;
      state.card = null;
      state.ghost = null;
      state.dragging = false;
      if (spot && card) {
        page.invokeMethodAsync('Dropped', card.dataset.appointment, spot.column, spot.minutes);
      }
    };

    grid.addEventListener('pointerdown', event => {
      const card = event.target.closest('[data-draggable="true"]');
      if (!card || event.button !== 0) {
        return;
      }
      const box = card.getBoundingClientRect();
      Object.assign(state, { card, startX: event.clientX, startY: event.clientY, offsetX: event.clientX - box.left, offsetY: event.clientY - box.top, pointerId: event.pointerId, dragging: false });
      if (event.pointerType === 'touch') {
        state.pressTimer = setTimeout(() => { if (state.card) { begin(); move(state.startX, state.startY); } }, 400);
      }
    });

    window.addEventListener('pointermove', event => {
      if (!state.card || event.pointerId !== state.pointerId) {
        return;
      }
      if (!state.dragging) {
        const far = Math.abs(event.clientX - state.startX) + Math.abs(event.clientY - state.startY) > 6;
        if (far && event.pointerType === 'touch') {
          end(0, 0, false); // a swipe: let the page scroll
          return;
        }
        if (far) {
          begin();
        }
      }
      if (state.dragging) {
        event.preventDefault();
        move(event.clientX, event.clientY);
      }
    });

    // While a finger drags a card, the page must not scroll under it.
    window.addEventListener('touchmove', event => { if (state.dragging) { event.preventDefault(); } }, { passive: false });

    window.addEventListener('pointerup', event => {
      if (state.card && event.pointerId === state.pointerId) {
        const wasDragging = state.dragging;
        end(event.clientX, event.clientY, true);
        if (wasDragging) {
          // The click that follows a drag must not open the appointment.
          const swallow = stop => { stop.stopPropagation(); stop.preventDefault(); };
          window.addEventListener('click', swallow, { capture: true, once: true });
          setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 300);
        }
      }
    });
    window.addEventListener('pointercancel', () => end(0, 0, false));
    window.addEventListener('keydown', event => { if (event.key === 'Escape' && state.dragging) { end(0, 0, false); } });
  },

  // Scrolls the day so that the current time (or the first appointment) is in view.
  scrollTo(element) {
    if (element) {
      element.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
  },
};
