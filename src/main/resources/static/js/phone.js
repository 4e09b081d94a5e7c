// Formats a Kenyan mobile number as typed (0712 345 678) and says when it cannot be one,
// with the same rules as the server (common/phone/Msisdn).
(function () {
  var input = document.getElementById('phone');
  if (!input) { return; }
  function check() {
    var digits = input.value.replace(/[\s-]/g, '');
    var local = digits.replace(/^\+?254/, '0');
    var ok = /^0[17]\d{8}$/.test(local) || /^[17]\d{8}$/.test(local);
    input.setCustomValidity(ok || digits === '' ? '' : 'Enter a Kenyan mobile number such as 0712 345 678');
    if (/^0[17]\d{8}$/.test(local) && !/^\+?254/.test(digits)) {
      input.value = local.slice(0, 4) + ' ' + local.slice(4, 7) + ' ' + local.slice(7);
    }
  }
  input.addEventListener('input', check);
  input.addEventListener('blur', check);
})();

// A form marked data-submit-once disables its button when sent, so a second tap cannot send
// a second payment request (here rather than inline: the pages' CSP allows no inline script).
(function () {
  document.querySelectorAll('form[data-submit-once]').forEach(function (form) {
    form.addEventListener('submit', function () {
      var button = form.querySelector('button[type=submit], button:not([type])');
      if (button) { setTimeout(function () { button.disabled = true; }, 0); }
    });
  });
})();
