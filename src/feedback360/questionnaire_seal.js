// Seals a rater's response so that only the programme's core can open it, with WebCrypto alone
// (no network, no outside script): an ECDH P-256 key pair made for this one response, its shared
// secret with the programme's public key through HKDF-SHA-256 (salt: both public keys; info: the
// format), and AES-256-GCM over the answers, with the format and the programme's key id as
// associated data. src/feedback360/response_seal.rs opens it. The core pastes this file into the
// offline questionnaire; tests load it under node.
var fellowshipSeal = (function () {
  'use strict';
  var FORMAT = 'fellowship-360-response/2';

  function toBase64(bytes) {
    var text = '';
    new Uint8Array(bytes).forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text);
  }

  function fromBase64(text) {
    var raw = atob(text);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) out[i] = raw.charCodeAt(i);
    return out;
  }

  function joined(a, b) {
    var out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  }

  // crypto: the page's window.crypto (or node's webcrypto); programme: { public_key, key_id };
  // body: what the core reads back ({ code, answers, comment }). Resolves to the file's text.
  function seal(crypto, programme, body) {
    var subtle = crypto.subtle;
    var enc = new TextEncoder();
    var theirs = fromBase64(programme.public_key);
    var iv = crypto.getRandomValues(new Uint8Array(12));
    var curve = { name: 'ECDH', namedCurve: 'P-256' };
    var mine, minePublic;
    return Promise.all([
      subtle.importKey('raw', theirs, curve, false, []),
      subtle.generateKey(curve, true, ['deriveBits']),
    ]).then(function (keys) {
      mine = keys[1];
      return Promise.all([
        subtle.deriveBits({ name: 'ECDH', public: keys[0] }, mine.privateKey, 256),
        subtle.exportKey('raw', mine.publicKey),
      ]);
    }).then(function (got) {
      minePublic = new Uint8Array(got[1]);
      return subtle.importKey('raw', got[0], 'HKDF', false, ['deriveKey']);
    }).then(function (shared) {
      return subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: joined(minePublic, theirs), info: enc.encode(FORMAT) },
        shared, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    }).then(function (key) {
      return subtle.encrypt(
        { name: 'AES-GCM', iv: iv, additionalData: enc.encode(FORMAT + '\n' + programme.key_id) },
        key, enc.encode(JSON.stringify(body)));
    }).then(function (sealed) {
      return JSON.stringify({
        format: FORMAT,
        key_id: programme.key_id,
        sender: toBase64(minePublic),
        iv: toBase64(iv),
        sealed: toBase64(sealed),
      });
    });
  }

  // A name that says nothing of the rater, the code or the fellow.
  function fileName(crypto) {
    var tag = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(8)), function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
    return '360-response-' + tag + '.fellowship-response';
  }

  return { FORMAT: FORMAT, seal: seal, fileName: fileName };
}());
if (typeof module === 'object' && module.exports) module.exports = fellowshipSeal;
