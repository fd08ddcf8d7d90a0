"""A reply that looks like it contains a password or a key (T-2, issue 10): what is found,
what ordinary support prose never trips, and that a finding never carries the secret."""

from __future__ import annotations

import base64
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcp_desk.domain.secret_looking import Finding, SecretKind, looks_like_secret
from tests.domain.strategies import any_char, typed_or_pasted

K = SecretKind

PEM_RSA = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
    "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
    "-----END RSA PRIVATE KEY-----"
)

#: (text, kind, the flagged part)
POSITIVE = [
    # labelled passwords, German
    ("Ihr neues Passwort: Sommer2024!", K.LABELLED_PASSWORD, "Sommer2024"),
    ("Passwort: geheim", K.LABELLED_PASSWORD, "geheim"),
    ("Passwort: geheim\n\nMit freundlichen Grüßen\nIhr Support-Team", K.LABELLED_PASSWORD,
     "geheim"),
    ("Kennwort: xY7#pL2q", K.LABELLED_PASSWORD, "xY7#pL2q"),
    ("Ihr Passwort lautet Tr0ub4dor&3.", K.LABELLED_PASSWORD, "Tr0ub4dor&3"),
    ("Ihr Passwort lautet:\nSommerwind", K.LABELLED_PASSWORD, "Sommerwind"),
    ("Das neue Passwort ist Haus2026xy, bitte ändern Sie es gleich.", K.LABELLED_PASSWORD,
     "Haus2026xy"),
    ("FTP-Passwort: x7Kp!29q", K.LABELLED_PASSWORD, "x7Kp!29q"),
    ("Das Rootpasswort: 9fjK2-lq", K.LABELLED_PASSWORD, "9fjK2-lq"),
    ("Datenbank-Kennwort = db_pass_17", K.LABELLED_PASSWORD, "db_pass_17"),
    ("Benutzer: admin / PW: abc123", K.LABELLED_PASSWORD, "abc123"),
    ("Login admin, pwd: 4711wasser", K.LABELLED_PASSWORD, "4711wasser"),
    ("Passwort (neu): Fr33dom", K.LABELLED_PASSWORD, "Fr33dom"),
    ("Passwort: 123456", K.LABELLED_PASSWORD, "123456"),
    ("Passwort: „Blume-77“", K.LABELLED_PASSWORD, "Blume-77"),
    ("Passwort: „Blume 77 Wiese“ – bitte gleich ändern", K.LABELLED_PASSWORD, "Blume 77 Wiese"),
    # English
    ("password=hunter2", K.LABELLED_PASSWORD, "hunter2"),
    ("DB_PASSWORD=secret", K.LABELLED_PASSWORD, "secret"),
    ("Your new password is Winter2025x", K.LABELLED_PASSWORD, "Winter2025x"),
    ("The password is: correcthorse", K.LABELLED_PASSWORD, "correcthorse"),
    ("passphrase: 'purple monkey dishwasher'", K.LABELLED_PASSWORD,
     "purple monkey dishwasher"),
    ('Passwort: "geheim" (bitte nicht weitergeben)', K.LABELLED_PASSWORD, "geheim"),
    ("Passwd: toor", K.LABELLED_PASSWORD, "toor"),
    ("api_key: 3f9a1c0e77", K.LABELLED_PASSWORD, "3f9a1c0e77"),
    ("Reset-Token: 8fa9Qz0x", K.LABELLED_PASSWORD, "8fa9Qz0x"),
    ("client_secret = Zu8-kk2", K.LABELLED_PASSWORD, "Zu8-kk2"),
    ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", K.LABELLED_PASSWORD,
     "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    # keys
    (f"Hier der Schlüssel:\n{PEM_RSA}\nBitte sicher aufbewahren.", K.PRIVATE_KEY, PEM_RSA),
    ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
     "-----END OPENSSH PRIVATE KEY-----", K.PRIVATE_KEY,
     "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
     "-----END OPENSSH PRIVATE KEY-----"),
    ("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI", K.PRIVATE_KEY,
     "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"),  # pasted half
    ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0w\n"
     "-----END ENCRYPTED PRIVATE KEY-----", K.PRIVATE_KEY,
     "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0w\n"
     "-----END ENCRYPTED PRIVATE KEY-----"),
    ("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----",
     K.PRIVATE_KEY,
     "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----"),
    ("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none", K.PRIVATE_KEY,
     "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none"),
    ("Bitte hinterlegen: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0"
     " max@laptop", K.SSH_KEY,
     "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0"),
    ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 root@srv", K.SSH_KEY,
     "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7"),
    ("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY=", K.SSH_KEY,
     "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY="),
    # cloud keys and vendor tokens
    ("Key-ID AKIAIOSFODNN7EXAMPLE für S3", K.CLOUD_KEY, "AKIAIOSFODNN7EXAMPLE"),
    ("ASIAY34FZKBOKMUTVV7A", K.CLOUD_KEY, "ASIAY34FZKBOKMUTVV7A"),
    ("Maps: AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI", K.CLOUD_KEY,
     "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"),
    ("Token ghp_16C7e42F292c6912E7710c838347Ae178B4a hinterlegt", K.API_TOKEN,
     "ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
    ("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", K.API_TOKEN,
     "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"),
    ("glpat-xXxY1234567890abcdEF", K.API_TOKEN, "glpat-xXxY1234567890abcdEF"),
    ("OPENAI: sk-proj-abc123DEF456ghi789JKL012", K.API_TOKEN,
     "sk-proj-abc123DEF456ghi789JKL012"),
    ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", K.API_TOKEN, "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
    ("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", K.API_TOKEN,
     "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"),
    ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
     K.API_TOKEN,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N"),
    ("Authorization: Bearer abcDEF123456ghiJKL789", K.API_TOKEN,
     "Bearer abcDEF123456ghiJKL789"),
    # a password in a URL
    ("Verbindung: mysql://root:S3cret@db.example.de/shop", K.CREDENTIALS_IN_URL, "S3cret"),
    ("ftp://kunde:geheim@ftp.example.de", K.CREDENTIALS_IN_URL, "geheim"),
    # random-looking tokens without a label
    ("Der Schlüssel qX7vL2pR9mK4tN8wZ3yB funktioniert jetzt.", K.HIGH_ENTROPY,
     "qX7vL2pR9mK4tN8wZ3yB"),
    ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", K.HIGH_ENTROPY,
     "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", K.HIGH_ENTROPY,
     "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
    ("d41d8cd98f00b204e9800998ecf8427e", K.HIGH_ENTROPY, "d41d8cd98f00b204e9800998ecf8427e"),
    ("Zugang per c2VjcmV0LXRva2VuLTEyMzQ1Njc4OTA= freigeschaltet", K.HIGH_ENTROPY,
     "c2VjcmV0LXRva2VuLTEyMzQ1Njc4OTA="),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "flagged"), POSITIVE)
def test_found(text: str, kind: SecretKind, flagged: str) -> None:
    findings = looks_like_secret(text)
    assert [f.kind for f in findings] == [kind], text
    (finding,) = findings
    assert text[finding.start : finding.end] == flagged


#: ordinary support prose, identifiers and things that only talk about passwords
NEGATIVE = [
    "Guten Tag Frau Müller,\n\nvielen Dank für Ihre Nachricht. Wir haben Ihr Anliegen "
    "geprüft und die Weiterleitung für Ihre Domain eingerichtet.\n\nMit freundlichen Grüßen\n"
    "Ihr Support-Team",
    "Bitte ändern Sie Ihr Passwort: Klicken Sie dazu im Kundenportal auf „Einstellungen“.",
    "Ihr Passwort ist abgelaufen.",
    "Das Passwort ist seit 2026 nicht mehr gültig.",
    "Das Passwort ist WordPress-spezifisch.",
    "Setzen Sie ein neues Passwort mit mindestens 12 Zeichen.",
    "Kennwort: mindestens 12 Zeichen, bitte mit Ziffern und Sonderzeichen.",
    "Passwort: ********",
    "Passwort: xxxxxx",
    "Passwort: <Ihr Passwort>",
    "Passwort: [entfernt]",
    "Passwort: …",
    "Passwort: siehe Brief vom 12.03.2026",
    "Ihr Passwort lautet wie folgt: bitte im Portal nachsehen.",
    "Passwort-Reset: Sie erhalten eine E-Mail mit einem Link.",
    "Das Passwort wurde am 2026-03-01 um 14:30 Uhr geändert.",
    "Das Token ist ungültig, bitte erneuern Sie es im Portal.",
    "Your password is incorrect. Please reset it via the customer portal.",
    "Password: see the letter we sent you.",
    "We never ask for your password by e-mail or phone.",
    "Der Reisepass: gültig bis 2030.",
    "Ihre Kundennummer K12345671, Ticket #KCP-00012340, Rechnung RE-2026-000123, "
    "Support-Auftrag SA-00047118, Mandat K12345671-M01.",
    "Die IBAN lautet DE89370400440532013000 (DE89 3704 0044 0532 0130 00), BIC COBADEFFXXX.",
    "Passwort: K12345671",  # a customer number is never a password
    "Rufen Sie uns an: +49 30 12345678 oder 030/1234567-0, Mo–Fr 08:00–18:00 Uhr.",
    "Server 203.0.113.40 (Subnetz 203.0.113.40/29) und 2001:db8::1 sind erreichbar.",
    "Schreiben Sie an max.mustermann@example.de oder support@kcp-hosting.de.",
    "Die Domains example.de, shop.mueller-gmbh.de und www.beispiel-verein.org sind aktiv.",
    "Anleitung: https://hilfe.example.de/artikel/passwort-aendern?lang=de&ref=KCP-00012340",
    "https://portal.example.de/reset?step=2",
    "Link: https://www.example.de/downloads/2026/03/Rechnung-RE-2026-000123.pdf",
    "Pfad: /var/www/vhosts/kunde-k12345671.de/httpdocs/wp-content/uploads/2026/03/",
    "/var/www/vhosts/example-shop/httpdocs/wp-content/plugins/woocommerce-2026",
    "C:\\Users\\Public\\Documents\\Kundenportal\\Rechnungen",
    "PHP 8.3.4, MariaDB 10.11.6-MariaDB-0+deb12u1, Kernel 6.1.0-18-amd64",
    "WordPress-Version 6.4.3 mit WooCommerce 8.6.1 – Stand 2026-03-01T10:15:00Z",
    "Webhosting-Paket-2026-Premium-Plus-Angebot",
    "Legen Sie den Zeugen unter //desk-7/kcp-desk/audit-witness-1a2b ab.",
    "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen",
    "Rechtsschutzversicherungsgesellschaften und Grundstücksverkehrsgenehmigungszuständigkeit",
    "Ihre Auftragsnummer 550e8400-e29b-41d4-a716-446655440000 ist erfasst.",
    "Der Termin ist am 24.12.2026 um 9:30 Uhr, Alternativ 2026-12-28.",
    "SSL-Zertifikat für *.example.de erneuert; gültig bis 31.03.2027.",
    "ssh-rsa ist ein Schlüsseltyp; bitte senden Sie uns nur den öffentlichen Teil.",
    "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----",
    "Your ticket #KCP-00012340 has been closed. Reply to this e-mail to reopen it.",
    "MX-Eintrag: mx01.example.de (Priorität 10), SPF: v=spf1 include:_spf.example.de ~all",
    "DKIM-Selektor: default._domainkey.example.de",
    "",
    "   \n\t",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_ordinary_prose_is_quiet(text: str) -> None:
    assert looks_like_secret(text) == []


@pytest.mark.parametrize(("text", "kind", "flagged"), POSITIVE)
def test_a_finding_never_carries_the_secret(text: str, kind: SecretKind, flagged: str) -> None:
    for finding in looks_like_secret(text):
        secret = text[finding.start : finding.end]
        assert secret not in repr(finding)
        assert secret not in str(finding)
        assert secret not in f"{finding!r} {finding}"
    assert [f.name for f in dataclasses.fields(Finding)] == ["kind", "start", "end"]


def test_finding_repr_names_kind_and_span() -> None:
    (finding,) = looks_like_secret("Passwort: Sommer2024")
    assert repr(finding) == "Finding(kind='labelled_password', start=10, end=20)"
    assert str(finding) == repr(finding)


def test_several_findings_in_text_order_without_overlap() -> None:
    text = (
        f"Zugang: mysql://root:S3cret@db.example.de\nPasswort: Sommer2024\n{PEM_RSA}\n"
        "Key AKIAIOSFODNN7EXAMPLE"
    )
    findings = looks_like_secret(text)
    assert [f.kind for f in findings] == [
        K.CREDENTIALS_IN_URL,
        K.LABELLED_PASSWORD,
        K.PRIVATE_KEY,
        K.CLOUD_KEY,
    ]
    # the PEM body lines are one private_key finding, not also high_entropy lines
    assert sum(f.kind == K.PRIVATE_KEY for f in findings) == 1


def test_not_a_str_is_a_bug() -> None:
    with pytest.raises(TypeError):
        looks_like_secret(b"Passwort: x")  # type: ignore[arg-type]


# --- properties ---------------------------------------------------------------------------

#: words of ordinary support mail, German and English, with the identifiers it is full of
_PROSE_WORDS = (
    "Guten Tag Hallo Sehr geehrte Frau Herr Müller Schmidt vielen Dank für Ihre Nachricht "
    "wir haben Ihr Anliegen geprüft Passwort Kennwort Token Zugang Kundenportal Server "
    "Domain E-Mail-Postfach Rechnung Lastschrift Mandat Weiterleitung eingerichtet bitte "
    "ändern Sie das neue ist abgelaufen gültig nicht mehr Einstellungen Sicherheit "
    "Datenbank MySQL WordPress PHP-Version Webhosting-Paket SSL-Zertifikat Let's Encrypt "
    "Grüßen freundlichen Support-Team Ihr Ihre Kunde Vertrag Kündigung zum Monatsende "
    "Donaudampfschifffahrtsgesellschaft Datenschutzgrundverordnung "
    "Hello Dear Mr Mrs thanks for your message we have checked the password is expired "
    "please change it in the customer portal settings your account invoice direct debit "
    "server mailbox forwarding kind regards support team token secret key"
)
WORDS = [
    *_PROSE_WORDS.split(),
    "K12345671", "#KCP-00012340", "KCP-00012340", "RE-2026-000123", "SA-00047118",
    "K12345671-M01", "DE89370400440532013000", "DE89 3704 0044 0532 0130 00",
    "max.mustermann@example.de", "support@kcp-hosting.de", "https://www.example.de/hilfe",
    "https://portal.example.de/rechnungen?jahr=2026&seite=2", "www.beispiel.de",
    "example.de", "shop.mueller-gmbh.de", "203.0.113.40", "198.51.100.0/24", "2001:db8::1",
    "+49 30 12345678", "030/1234567-0", "0171 2345678", "12.03.2026", "2026-03-12",
    "24.12.", "08:00", "18:00", "9:30", "Uhr", "2026", "12", "49,99", "€", "10 %",
    "/var/www/vhosts/example.de/httpdocs", "wp-content/uploads/2026/03",
    "550e8400-e29b-41d4-a716-446655440000", "v6.4.3", "PHP 8.3", "IPv6",
]  # fmt: skip
GLUE = [" ", " ", " ", ", ", ". ", "! ", "? ", "\n", "\n\n", " – ", " (", ") ", ": "]


@st.composite
def prose(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=80))
    out = [words[0]]
    for word in words[1:]:
        glue = draw(st.sampled_from(GLUE))
        if glue == ": " and out[-1].lower() in _KEYWORDS:
            glue = " "  # "Passwort: Wort" at a line end is a labelled password
        out += [glue, word]
    return "".join(out)


_KEYWORDS = {"passwort", "kennwort", "password", "token", "secret", "key"}


@settings(max_examples=500)
@given(prose())
def test_random_ordinary_prose_never_flags(text: str) -> None:
    assert looks_like_secret(text) == []


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@st.composite
def pem_block(draw: st.DrawFn) -> str:
    label = draw(st.sampled_from(["", "RSA ", "EC ", "DSA ", "OPENSSH ", "ENCRYPTED "]))
    body = base64.b64encode(draw(st.binary(min_size=1, max_size=600))).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    end = draw(st.booleans())  # a half-pasted key has no END line
    block = f"-----BEGIN {label}PRIVATE KEY-----\n" + "\n".join(lines)
    return block + (f"\n-----END {label}PRIVATE KEY-----" if end else "")


@settings(max_examples=300)
@given(st.text(any_char, max_size=300), pem_block(), st.text(any_char, max_size=300))
def test_any_text_with_a_pem_block_flags(before: str, block: str, after: str) -> None:
    text = f"{before}\n{block}\n{after}"
    at = len(before) + 1
    findings = looks_like_secret(text)
    assert any(f.kind == K.PRIVATE_KEY and f.start <= at < f.end for f in findings)
    for finding in findings:
        assert block not in repr(finding)


@st.composite
def token(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.sampled_from(_B64[:62]), min_size=24, max_size=60)))


@settings(max_examples=300)
@given(prose(), token())
def test_random_tokens_flag_and_stay_out_of_the_repr(text: str, secret: str) -> None:
    # a random base62 token of 24+ characters, in prose, after "Passwort:"
    labelled = f"{text}\nPasswort: {secret}\n"
    findings = looks_like_secret(labelled)
    assert findings
    assert all(secret not in repr(f) for f in findings)


def _check_findings(text: str, findings: list[Finding]) -> None:
    last_end = 0
    for finding in findings:
        assert isinstance(finding.kind, SecretKind)
        assert last_end <= finding.start < finding.end <= len(text)
        last_end = finding.end


@settings(max_examples=300)
@given(typed_or_pasted)
def test_never_raises_on_any_text(text: str) -> None:
    _check_findings(text, looks_like_secret(text))


#: 10,000 characters: a random piece of text repeated, with a random piece inserted
ten_thousand = st.builds(
    lambda piece, insert, at: (
        ((piece * (10_000 // len(piece) + 1))[:at] + insert)[:10_000]
        + (piece * (10_000 // len(piece) + 1))[at : 10_000 - len(insert)]
    ),
    st.text(any_char, min_size=1, max_size=200),
    st.text(any_char, max_size=200),
    st.integers(0, 10_000),
)


@settings(max_examples=50)
@given(ten_thousand)
def test_never_raises_on_10000_characters(text: str) -> None:
    assert len(text) == 10_000
    _check_findings(text, looks_like_secret(text))


@pytest.mark.parametrize(
    "text",
    [
        "\x00" * 10_000,
        "a" * 10_000,
        "aB1" * 3_400,
        "Passwort: " + "x" * 10_000,
        "Passwort:" * 1_200,
        "sk-" + "a-" * 5_000,
        "https://" + "a" * 10_000,
        "a@" * 5_000,
        "-----BEGIN PRIVATE KEY-----" * 400,
        "mysql://" + "u:" * 5_000,
        "\ud800\udfff\U0010ffff\u202e" * 2_500,
    ],
    ids=lambda text: repr(text[:12]),
)
def test_huge_and_hostile_inputs(text: str) -> None:
    _check_findings(text, looks_like_secret(text))
