"""Seed a throw-away PostgreSQL for `make load` (scripts/load.sh): the benchmark's data
(bench/bench_portal.py: 50 companies, 4 contacts each, the demo catalogue, `--tickets` tickets with
their events and surveys) plus `--analysts` analysts in every team, and write the accounts the load
signs in with, one per simulated user, to `--accounts` (JSON).

    DATABASE_URL=postgres://... python bench/seed_load.py --tickets 50000 --accounts var/load.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_portal
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from tickets.models import Team, Ticket


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=50_000)
    parser.add_argument("--analysts", type=int, default=10)
    parser.add_argument("--accounts", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20260403)
    args = parser.parse_args(argv)
    if Ticket.objects.exists():
        bench_portal.log("error: the database already holds tickets; use an empty throw-away database")
        return 2
    bench_portal.seed(argparse.Namespace(tickets=args.tickets), random.Random(args.seed))
    now = timezone.now()
    password = make_password(bench_portal.PASSWORD)
    with transaction.atomic():
        analysts = User.objects.bulk_create(
            User(
                email=f"analista{n:02d}.carga@suporte.example",
                full_name=f"Analista Carga {n:02d}",
                role=User.Role.ANALYST,
                is_staff=True,
                password=password,
                activated_at=now,
            )
            for n in range(1, args.analysts + 1)
        )
        for team in Team.objects.all():
            team.members.add(*analysts)
    contacts = list(
        User.objects.filter(role=User.Role.CONTACT, email__endswith=".example", email__startswith="contato")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    # The back-office demands a second factor: each load analyst gets an authenticator app whose
    # secret the load (locustfile.totp_code) reads from the accounts file.
    secrets = {user.email: generate_totp_secret() for user in analysts}
    for user in analysts:
        TOTP.activate(user, secrets[user.email])
    accounts = {
        "password": bench_portal.PASSWORD,
        "contacts": contacts,
        "analysts": [user.email for user in analysts],
        "totp": secrets,
    }
    args.accounts.parent.mkdir(parents=True, exist_ok=True)
    args.accounts.write_text(json.dumps(accounts, indent=1))
    bench_portal.log(f"load accounts: {len(contacts)} contacts, {len(analysts)} analysts -> {args.accounts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
