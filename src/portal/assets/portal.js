// giamngheo public portal: the proof-of-work captcha (ALTCHA challenge, solved in the browser).
/* global window, document */
// Everything else on the portal works without this script.
(function () {
  'use strict';

  function hex(buffer) {
    var b = new Uint8Array(buffer);
    var s = '';
    for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
  }

  // SHA-256 in plain JavaScript, for pages served over plain HTTP on a local network, where
  // browsers do not offer crypto.subtle.
  var K = [];
  (function () {
    var n = 2;
    var found = 0;
    function frac(x) {
      return ((x - Math.floor(x)) * 4294967296) | 0;
    }
    while (found < 64) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
      if (prime) K[found++] = frac(Math.pow(n, 1 / 3));
      n++;
    }
  })();
  function sha256Hex(text) {
    var bytes = unescape(encodeURIComponent(text));
    var words = [];
    var len = bytes.length;
    for (var i = 0; i < len; i++) words[i >> 2] |= bytes.charCodeAt(i) << (24 - (i % 4) * 8);
    words[len >> 2] |= 0x80 << (24 - (len % 4) * 8);
    words[(((len + 8) >> 6) << 4) + 15] = len * 8;
    var H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var W = new Array(64);
    function r(x, n) {
      return (x >>> n) | (x << (32 - n));
    }
    for (var j = 0; j < words.length; j += 16) {
      var a = H[0],
        b = H[1],
        c = H[2],
        d = H[3],
        e = H[4],
        f = H[5],
        g = H[6],
        h = H[7];
      for (var t = 0; t < 64; t++) {
        if (t < 16) W[t] = words[j + t] | 0;
        else {
          var s0 = r(W[t - 15], 7) ^ r(W[t - 15], 18) ^ (W[t - 15] >>> 3);
          var s1 = r(W[t - 2], 17) ^ r(W[t - 2], 19) ^ (W[t - 2] >>> 10);
          W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
        }
        var t1 = (h + (r(e, 6) ^ r(e, 11) ^ r(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
        var t2 = ((r(a, 2) ^ r(a, 13) ^ r(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0;
      H[1] = (H[1] + b) | 0;
      H[2] = (H[2] + c) | 0;
      H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0;
      H[5] = (H[5] + f) | 0;
      H[6] = (H[6] + g) | 0;
      H[7] = (H[7] + h) | 0;
    }
    var out = '';
    for (var k = 0; k < 8; k++) out += ('00000000' + (H[k] >>> 0).toString(16)).slice(-8);
    return out;
  }

  function digest(text) {
    if (window.crypto && window.crypto.subtle && window.TextEncoder) {
      return window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(hex);
    }
    return Promise.resolve(sha256Hex(text));
  }

  function solve(ch) {
    var batch = 500;
    function from(start) {
      var tries = [];
      for (var n = start; n < start + batch && n <= ch.maxnumber; n++) tries.push(digest(ch.salt + n));
      return Promise.all(tries).then(function (hashes) {
        for (var i = 0; i < hashes.length; i++) if (hashes[i] === ch.challenge) return start + i;
        if (start + batch > ch.maxnumber) throw new Error('no solution');
        return from(start + batch);
      });
    }
    return from(0).then(function (number) {
      return btoa(
        JSON.stringify({
          algorithm: ch.algorithm,
          challenge: ch.challenge,
          number: number,
          salt: ch.salt,
          signature: ch.signature,
        }),
      );
    });
  }

  function obtain(form) {
    if (form.__captcha) return form.__captcha;
    var link = form.querySelector('[data-captcha]');
    var status = form.querySelector('[data-captcha-status]');
    var input = form.querySelector('input[name=captcha]');
    if (status && link) status.textContent = link.getAttribute('data-working');
    form.__captcha = fetch('/api/v1/captcha', {
      headers: { accept: 'application/json' },
      credentials: 'omit',
    })
      .then(function (r) {
        if (!r.ok) throw new Error('challenge ' + r.status);
        return r.json();
      })
      .then(solve)
      .then(function (payload) {
        input.value = payload;
        if (status && link) status.textContent = link.getAttribute('data-ready');
        if (link) link.hidden = true;
        return payload;
      })
      .catch(function (err) {
        form.__captcha = null;
        if (status) status.textContent = String(err && err.message ? err.message : err);
        throw err;
      });
    return form.__captcha;
  }

  function init() {
    var forms = document.querySelectorAll('form');
    for (var i = 0; i < forms.length; i++) {
      (function (form) {
        var link = form.querySelector('[data-captcha]');
        if (!link) return;
        link.addEventListener('click', function (ev) {
          ev.preventDefault();
          obtain(form).catch(function () {});
        });
        form.addEventListener('submit', function (ev) {
          var input = form.querySelector('input[name=captcha]');
          if (input && input.value) return;
          ev.preventDefault();
          obtain(form).then(
            function () {
              form.submit();
            },
            function () {},
          );
        });
      })(forms[i]);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
