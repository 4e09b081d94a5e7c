// The sessions list refreshes itself when something changed. A refresh must never take
// away what someone is doing: keyboard focus comes back by itself (every control keeps
// its id across a refresh), but an open "Decline…", "Move…" or "Cancel…" box, with the
// reason half typed, would close and lose the words. While one is open the refresh
// waits; the next poll still carries the old version, so it brings the change once the
// box is closed.
(function () {
	document.addEventListener('htmx:beforeSwap', function (event) {
		var target = event.detail.target;
		if (target && target.id === 'rows' && target.querySelector('details[open]')) {
			event.detail.shouldSwap = false;
		}
	});
})();
