// Formats a Kenyan mobile number as typed (0712 345 678) and says when it cannot be one,
// with the same rules as the server (common/phone/Msisdn). Listens on the document, so a
// form that arrives later (the pay panel's Retry, swapped in by htmx) is served too.
(function () {
  function check(input) {
    var digits = input.value.replace(/[\s-]/g, '');
    var local = digits.replace(/^\+?254/, '0');
    var ok = /^0[17]\d{8}$/.test(local) || /^[17]\d{8}$/.test(local);
    // The words come from the page, in its language.
    var invalid = input.getAttribute('data-invalid') || 'Enter a Kenyan mobile number such as 0712 345 678';
    input.setCustomValidity(ok || digits === '' ? '' : invalid);
    if (/^0[17]\d{8}$/.test(local) && !/^\+?254/.test(digits)) {
      input.value = local.slice(0, 4) + ' ' + local.slice(4, 7) + ' ' + local.slice(7);
    }
  }
  ['input', 'focusout'].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target && event.target.id === 'phone') { check(event.target); }
    });
  });
})();

// A form marked data-submit-once disables its button when sent, so a second tap cannot send
// a second payment request (here rather than inline: the pages' CSP allows no inline script).
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!form.matches || !form.matches('form[data-submit-once]')) { return; }
  var button = form.querySelector('button[type=submit], button:not([type])');
  if (button) { setTimeout(function () { button.disabled = true; }, 0); }
});
