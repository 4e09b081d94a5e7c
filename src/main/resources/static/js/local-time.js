// Free times are shown in East Africa Time. A client whose phone keeps another time zone
// also sees their own time beside each one, so nobody misses a session abroad.
(function () {
	var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	if (!zone || zone === 'Africa/Nairobi') {
		return;
	}
	var format = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	// "your time" in the page's language, given by the page.
	var holder = document.querySelector('[data-your-time]');
	var words = holder ? holder.getAttribute('data-your-time') : '{0} your time';
	document.querySelectorAll('time[datetime]:not([data-local])').forEach(function (el) {
		var when = new Date(el.getAttribute('datetime'));
		if (isNaN(when.getTime())) {
			return;
		}
		el.setAttribute('data-local', 'shown');
		el.textContent = el.textContent + ' (' + words.replace('{0}', format.format(when)) + ')';
	});
})();
