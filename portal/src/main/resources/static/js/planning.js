// Step 2 with htmx: a click in the grid posts its form in the background and the grids are swapped in
// place (the server answers with the same page it would show without JavaScript). Without this file
// or htmx, every click stays a plain form post that comes back at its cell.
(function () {
    'use strict';

    // htmx's own <style> for request indicators is inline: the CSP (style-src 'self') refuses it, and
    // the page uses no indicator.
    if (window.htmx) {
        window.htmx.config.includeIndicatorStyles = false;
    }

    var clickedCell = null;

    document.addEventListener('htmx:beforeRequest', function (event) {
        var cell = event.detail.elt.closest('li.session');
        clickedCell = cell ? cell.id : null;
    });

    // The answer is not the planning (the draft expired or was deposited elsewhere): show that page whole.
    document.addEventListener('htmx:beforeSwap', function (event) {
        var xhr = event.detail.xhr;
        if (xhr.status < 400 && xhr.responseText.indexOf('id="grilles"') < 0) {
            event.detail.shouldSwap = false;
            window.location.assign(xhr.responseURL);
        }
    });

    // The service did not answer, or answered an error page: post the form the plain way, which
    // shows the portal's page for it (every command is idempotent, so a repeat books nothing twice).
    function fallBack(event) {
        var form = event.detail.elt.closest('form');
        if (form) {
            form.submit();
        }
    }
    document.addEventListener('htmx:responseError', fallBack);
    document.addEventListener('htmx:sendError', fallBack);

    // The button that was pressed is gone with the old grids: focus goes back to the same cell, on its
    // new button ("Réserver" became "Libérer"), or on the cell itself when it has none.
    document.addEventListener('htmx:afterSettle', function () {
        var cell = clickedCell && document.getElementById(clickedCell);
        clickedCell = null;
        if (!cell) {
            return;
        }
        var target = cell.querySelector('button') || cell.querySelector('a, select');
        if (!target) {
            cell.setAttribute('tabindex', '-1');
            target = cell;
        }
        target.focus();
    });
}());
