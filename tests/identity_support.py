"""What the identity-case tests share (services and views): a customer with every
factor possible, and the channel service's side of a sealed letter, SMS or mail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from kcp_desk.db import Database
from kcp_desk.models.customers import AddressKind, Customer, CustomerKind, PostalAddress
from kcp_desk.models.outbox import OutboxChannel, OutboxMessage
from kcp_desk.security.field_crypto import SecretText
from kcp_desk.security.one_time_codes import CodeHashParams
from kcp_desk.security.outbox_seal import open_sealed
from kcp_desk.security.phone_password import PhonePasswordParams, hash_phone_password

PHONE_PASSWORD = "Sonnenblume-Zebra-42"
#: cheap parameters for tests only: the stored strings carry them
CHEAP_P = PhonePasswordParams(memory_kib=64, iterations=1, lanes=1)
CHEAP_CODES = CodeHashParams(memory_kib=64, iterations=1, lanes=1)


def add_customer(
    db: Database,
    now: dt.datetime,
    *,
    number: int = 7654321,
    first_name: str = "Jürgen",
    last_name: str = "Müller",
    company: str | None = None,
    email: str = "j.mueller@example.de",
    mobile: str | None = "+4915112345678",
    password: str = PHONE_PASSWORD,
    street: str = "Hauptstraße",
    postcode: str = "10115",
    city: str = "Berlin",
) -> int:
    """A customer for 400 days, the postal address as old, a mobile, a phone password
    set 100 days ago: P, E, L, M and D are all possible."""
    long_ago = (now - dt.timedelta(days=400)).date()
    with db.transaction() as s:
        customer = Customer(
            number=number,
            kind=CustomerKind.COMPANY if company else CustomerKind.PERSON,
            first_name=first_name,
            last_name=last_name,
            company=company,
            legal_form="GmbH" if company else None,
            email=email,
            email_verified=True,
            mobile_e164=mobile,
            customer_since=long_ago,
            phone_password_hash=hash_phone_password(password, CHEAP_P),
            phone_password_set_at=now - dt.timedelta(days=100),
        )
        customer.addresses.append(
            PostalAddress(
                kind=AddressKind.BILLING,
                street=street,
                house_number="5",
                postcode=postcode,
                city=city,
                country="DE",
                valid_from=long_ago,
            )
        )
        s.add(customer)
        s.flush()
        return customer.id


def sealed_secret(
    db: Database,
    keys: Mapping[OutboxChannel, X25519PrivateKey],
    case_id: int,
    channel: OutboxChannel,
) -> SecretText:
    """What the customer reads in the newest letter, SMS or mail of the case: the
    channel's system opens the sealed payload with its private key."""
    with db.read() as s:
        message = s.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.case_id == case_id, OutboxMessage.channel == channel)
            .where(OutboxMessage.sealed.is_not(None))
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert message is not None and message.sealed_key_version is not None
        opened = open_sealed(
            keys[channel],
            bytes(message.sealed or b""),
            channel=channel.value,
            key_version=message.sealed_key_version,
            recipient=message.recipient,
            template=message.template,
        )
    return opened.get("code") or opened["token"]
