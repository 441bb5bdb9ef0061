// The little the web application needs from the browser beyond Blazor: modal dialogs, moving focus,
// and dragging on the calendar. Loaded as a file (the gateway's CSP allows no inline script).
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
};

// Dragging appointments on the calendar, with a mouse, a pen or a finger (a long press starts the
// drag on touch screens, so that a swipe still scrolls). The page decides and confirms: the script
// only reports where an appointment was dropped (column and minutes from the grid's first hour).
// One drag at a time: the window-level listeners are added once, each grid only listens for the press.
window.nmt.calendar = (() => {
  let drag = null; // { grid, page, minuteHeight, snapMinutes, card, ghost, startX, startY, offsetX, offsetY, pointerId, dragging, pressTimer }

  const target = (x, y) => {
    const under = document.elementsFromPoint(x, y).find(element => element.matches && element.matches('[data-drop-column]'));
    if (!under) {
      return null;
    }
    const box = under.getBoundingClientRect();
    const minutes = Math.max(0, Math.round((y - box.top - drag.offsetY) / drag.minuteHeight / drag.snapMinutes) * drag.snapMinutes);
    return { column: under.dataset.dropColumn, minutes, box };
  };

  const begin = () => {
    drag.dragging = true;
    drag.card.classList.add('dragging');
    const ghost = drag.card.cloneNode(true);
    ghost.classList.add('drag-ghost');
    ['data-testid', 'data-appointment', 'data-draggable'].forEach(name => ghost.removeAttribute(name));
    ghost.setAttribute('aria-hidden', 'true');
    ghost.querySelectorAll('[id]').forEach(element => element.removeAttribute('id'));
    ghost.style.width = `${drag.card.offsetWidth}px`;
    ghost.style.height = `${drag.card.offsetHeight}px`;
    document.body.appendChild(ghost);
    drag.ghost = ghost;
  };

  const move = (x, y) => {
    const spot = target(x, y);
    if (spot) {
      drag.ghost.style.left = `${spot.box.left + 4}px`;
      drag.ghost.style.top = `${spot.box.top + spot.minutes * drag.minuteHeight}px`;
      drag.ghost.style.width = `${spot.box.width - 8}px`;
    } else {
      drag.ghost.style.left = `${x - drag.offsetX}px`;
      drag.ghost.style.top = `${y - drag.offsetY}px`;
    }
  };

  const end = (x, y, dropped) => {
    if (!drag) {
      return;
    }
    clearTimeout(drag.pressTimer);
    const { card, ghost, page } = drag;
    ghost?.remove();
    card.classList.remove('dragging');
    const spot = dropped && drag.dragging ? target(x, y) : null;
    drag = null;
    if (spot) {
      page.invokeMethodAsync('Dropped', card.dataset.appointment, spot.column, spot.minutes);
    }
  };

  window.addEventListener('pointermove', event => {
    if (!drag || event.pointerId !== drag.pointerId) {
      return;
    }
    if (!drag.dragging) {
      const far = Math.abs(event.clientX - drag.startX) + Math.abs(event.clientY - drag.startY) > 6;
      if (far && event.pointerType === 'touch') {
        end(0, 0, false); // a swipe: let the page scroll
        return;
      }
      if (far) {
        begin();
      }
    }
    if (drag.dragging) {
      event.preventDefault();
      move(event.clientX, event.clientY);
    }
  });

  // While a finger drags a card, the page must not scroll under it.
  window.addEventListener('touchmove', event => { if (drag?.dragging) { event.preventDefault(); } }, { passive: false });

  window.addEventListener('pointerup', event => {
    if (drag && event.pointerId === drag.pointerId) {
      const { dragging: wasDragging, grid } = drag;
      end(event.clientX, event.clientY, true);
      if (wasDragging) {
        // The click that follows a drag on the grid must not open the appointment (a click elsewhere,
        // such as in the confirmation that opens, is left alone).
        const swallow = stop => {
          if (grid.contains(stop.target)) {
            stop.stopPropagation();
            stop.preventDefault();
          }
        };
        window.addEventListener('click', swallow, { capture: true, once: true });
        setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 300);
      }
    }
  });
  window.addEventListener('pointercancel', () => end(0, 0, false));
  window.addEventListener('keydown', event => { if (event.key === 'Escape' && drag?.dragging) { end(0, 0, false); } });

  return {
    // Called for each grid element the page renders (a closed day or another location renders a new one).
    attach(grid, page, minuteHeight, snapMinutes) {
      if (!grid || grid.nmtDrag) {
        return;
      }
      grid.nmtDrag = true;
      // Says that cards can be dragged from now on (until then a press on a card does nothing special).
      grid.setAttribute('data-drag-ready', 'true');
      grid.addEventListener('pointerdown', event => {
        const card = event.target.closest('[data-draggable="true"]');
        if (!card || event.button !== 0) {
          return;
        }
        end(0, 0, false);
        const box = card.getBoundingClientRect();
        drag = {
          grid, page, minuteHeight, snapMinutes, card, ghost: null, dragging: false, pressTimer: 0, pointerId: event.pointerId,
          startX: event.clientX, startY: event.clientY, offsetX: event.clientX - box.left, offsetY: event.clientY - box.top,
        };
        if (event.pointerType === 'touch') {
          const pressed = drag;
          pressed.pressTimer = setTimeout(() => { if (drag === pressed) { begin(); move(pressed.startX, pressed.startY); } }, 400);
        }
      });
    },
  };
})();
