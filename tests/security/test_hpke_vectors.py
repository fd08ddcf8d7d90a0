"""The HPKE use (SPEC V-3) against the RFC 9180 test vectors.

Source: RFC 9180, Appendix A ("These test vectors are also available in JSON format"),
the file ``test-vectors.json`` of https://github.com/cfrg/draft-irtf-cfrg-hpke at commit
5f503c5 (the final "HPKE-v1" vectors; shipped e.g. as
``cloudflare/circl: hpke/testdata/vectors_rfc9180_5f503c5.json.gz``). Values copied as
hex, unchanged:

- ``SUITE_VECTOR``: mode 0 (base), kem_id 0x0020 DHKEM(X25519, HKDF-SHA256), kdf_id 1
  HKDF-SHA256, aead_id 2 AES-256-GCM — exactly our suite (the JSON file; the RFC's
  printed appendix has no AES-256-GCM vector for X25519);
- ``A_1_1``: Appendix A.1.1 as printed in the RFC (the same KEM and KDF with
  AES-128-GCM), checked with a suite built for it.

``cryptography`` takes no injected ephemeral key, so the sender side cannot be replayed
byte for byte; what is tested is the receiver: the vector's ``enc`` and ciphertext,
opened with ``skRm`` and ``info``, give the plaintext. The public ``Suite.decrypt`` uses
an empty AAD while the vector's encryptions have ``Count-0``, so

1. the vector's first encryption (sequence 0, the single-shot nonce) is opened with the
   same ``Suite`` object through ``cryptography``'s AAD-taking twin of ``decrypt``;
2. ``wrapping.unwrap`` (the public path the desk uses) opens ``enc`` || a ciphertext made
   with the vector's own ``key`` and ``base_nonce`` and an empty AAD: it only opens if
   the KEM decapsulation and the key schedule derive exactly the RFC's key and nonce.
"""

from __future__ import annotations

from typing import Final

import pytest
from cryptography.hazmat.bindings._rust import openssl as rust_openssl
from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kcp_desk.security import wrapping
from kcp_desk.security.wrapping import UnwrapError

_decrypt_with_aad = rust_openssl.hpke._decrypt_with_aad

#: mode 0, kem 0x0020, kdf 1, aead 2 (test-vectors.json @ 5f503c5)
SUITE_VECTOR: Final = {
    "info": "4f6465206f6e2061204772656369616e2055726e",
    "skRm": "497b4502664cfea5d5af0b39934dac72242a74f8480451e1aee7d6a53320333d",
    "pkRm": "430f4b9859665145a6b1ba274024487bd66f03a2dd577d7753c68d7d7d00c00c",
    "skEm": "179d4b53b6365c45b600c4163b61d95cbc2f4d9e36f1695558dce265ab8bab11",
    "enc": "6c93e09869df3402d7bf231bf540fadd35cd56be14f97178f0954db94b7fc256",
    "key": "f50b0609186798729ed0564b36ef2ef8044f1f9d05636874d1f46c819c7a669f",
    "base_nonce": "151d9929e2449747889bc923",
    "aad": "436f756e742d30",
    "ct": "e5d84cd531cfb583096e7cfa9641bd3079cf3a91cda813c52deb5f512be9931980a41de125a925cdad"
    "859d5b7a",
    "pt": "4265617574792069732074727574682c20747275746820626561757479",
}

#: RFC 9180 Appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base
A_1_1: Final = {
    "info": "4f6465206f6e2061204772656369616e2055726e",
    "skRm": "4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8",
    "pkRm": "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d",
    "skEm": "52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736",
    "enc": "37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
    "key": "4531685d41d65f03dc48f6b8302c05b0",
    "base_nonce": "56d890e5accaaf011cff4b7d",
    "aad": "436f756e742d30",
    "ct": "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea"
    "87e13c512a",
    "pt": "4265617574792069732074727574682c20747275746820626561757479",
}

_A_1_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def _h(vector: dict[str, str], name: str) -> bytes:
    return bytes.fromhex(vector[name])


def _private(vector: dict[str, str], name: str) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(_h(vector, name))


def test_the_desk_suite_is_the_aes_256_one() -> None:
    """``wrapping.SUITE`` opens its own vector (below) but not A.1.1, and the AES-128
    suite does not open ours: the desk's suite really is AES-256-GCM."""
    for vector, suite in ((A_1_1, wrapping.SUITE), (SUITE_VECTOR, _A_1_SUITE)):
        with pytest.raises(Exception):  # noqa: B017 - InvalidTag or ValueError
            _decrypt_with_aad(
                suite,
                _h(vector, "enc") + _h(vector, "ct"),
                _private(vector, "skRm"),
                info=_h(vector, "info"),
                aad=_h(vector, "aad"),
            )


@pytest.mark.parametrize("vector", [SUITE_VECTOR, A_1_1], ids=["aes256", "A.1.1"])
def test_the_keys_of_the_vector_belong_together(vector: dict[str, str]) -> None:
    assert _private(vector, "skRm").public_key().public_bytes(*_RAW) == _h(vector, "pkRm")
    # the encapsulated key is the ephemeral public key (DHKEM SerializePublicKey)
    assert _private(vector, "skEm").public_key().public_bytes(*_RAW) == _h(vector, "enc")
    # the vector's ciphertext is AEAD(key, base_nonce) of its plaintext (sequence 0)
    opened = AESGCM(_h(vector, "key")).decrypt(
        _h(vector, "base_nonce"), _h(vector, "ct"), _h(vector, "aad")
    )
    assert opened == _h(vector, "pt")


@pytest.mark.parametrize(
    ("vector", "suite"),
    [(SUITE_VECTOR, wrapping.SUITE), (A_1_1, _A_1_SUITE)],
    ids=["aes256", "A.1.1"],
)
def test_the_vector_encryption_decrypts_with_the_suite(
    vector: dict[str, str], suite: hpke.Suite
) -> None:
    pt = _decrypt_with_aad(
        suite,
        _h(vector, "enc") + _h(vector, "ct"),
        _private(vector, "skRm"),
        info=_h(vector, "info"),
        aad=_h(vector, "aad"),
    )
    assert pt == _h(vector, "pt") == b"Beauty is truth, truth beauty"


def test_unwrap_derives_the_key_and_nonce_of_the_vector() -> None:
    """The public path: enc + AEAD(RFC key, RFC base_nonce, aad="") opens with unwrap."""
    v = SUITE_VECTOR
    ct = AESGCM(_h(v, "key")).encrypt(_h(v, "base_nonce"), _h(v, "pt"), b"")
    opened = wrapping.unwrap(_h(v, "enc") + ct, _private(v, "skRm"), _h(v, "info"))
    assert opened == _h(v, "pt")


def test_unwrap_refuses_the_vector_with_another_info_key_or_nonce() -> None:
    v = SUITE_VECTOR
    skr = _private(v, "skRm")
    good = AESGCM(_h(v, "key")).encrypt(_h(v, "base_nonce"), _h(v, "pt"), b"")
    other_nonce = bytes([_h(v, "base_nonce")[0] ^ 1]) + _h(v, "base_nonce")[1:]
    bad_nonce = AESGCM(_h(v, "key")).encrypt(other_nonce, _h(v, "pt"), b"")
    cases = [
        (_h(v, "enc") + good, skr, _h(v, "info") + b"!"),
        (_h(v, "enc") + good, X25519PrivateKey.generate(), _h(v, "info")),
        (_h(v, "enc") + bad_nonce, skr, _h(v, "info")),
        (_h(v, "enc") + _h(v, "ct"), skr, _h(v, "info")),  # the AAD "Count-0" is missing
    ]
    for wrapped, key, info in cases:
        with pytest.raises(UnwrapError):
            wrapping.unwrap(wrapped, key, info)


def test_our_own_wraps_round_trip_through_the_vector_key() -> None:
    """Sender side with a fresh ephemeral key: what wrap() makes, the RFC receiver opens."""
    v = SUITE_VECTOR
    wrapped = wrapping.wrap(b"k" * 32, _h(v, "pkRm"), b"info")
    assert len(wrapped) == wrapping.ENC_BYTES + 32 + 16
    assert wrapping.SUITE.decrypt(wrapped, _private(v, "skRm"), info=b"info") == b"k" * 32
