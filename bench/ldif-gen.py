#!/usr/bin/env python3
"""Writes the LDIF that bench/ldif-import.sh and bench/server-compare.sh load into both slapd and mdbldap.

Usage: ldif-gen.py N OUT.ldif [--unit M]

N inetOrgPerson users under ou=people,dc=example,dc=com (uid=userI, I = 0..N-1, 12
attributes, 15 values each), the suffix and two organizational units, and one groupOfNames under
ou=groups for every 1,000 users, each listing 100 of them as members: N + N/1000 + 3
entries, parents first. User I's password is "secretI", stored as a salted SHA-1 ({SSHA}) hash,
so that load tools can bind as any user. With --unit M, an organizational unit ou=unit with M - 1
more users (uid=unitJ) follows: a subtree of exactly M entries, for subtree-search benchmarks. No
"version: 1" line: slapadd refuses it. The output depends on the arguments only (a fixed seed), so
both loaders always read the same bytes.
"""
import base64
import hashlib
import random
import sys

SUFFIX = "dc=example,dc=com"
USERS_PER_GROUP = 1000
MEMBERS_PER_GROUP = 100

GIVEN = ["Alice", "Bob", "Carol", "David", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy",
         "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Zoe"]
SURNAMES = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
            "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
            "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White"]
TITLES = ["Engineer", "Manager", "Analyst", "Director", "Consultant", "Designer", "Operator"]
CITIES = ["Berlin", "Paris", "London", "Madrid", "Rome", "Vienna", "Lisbon", "Oslo", "Prague"]


def header(out):
    out.write(f"dn: {SUFFIX}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\n"
              "dc: example\no: Example Corporation\n\n")
    for ou in ("people", "groups"):
        out.write(f"dn: ou={ou},{SUFFIX}\nobjectClass: top\nobjectClass: organizationalUnit\nou: {ou}\n\n")


def ssha(password, rnd):
    """RFC 2307-style {SSHA}: base64 of SHA-1(password + salt) followed by the 8-byte salt."""
    salt = rnd.getrandbits(64).to_bytes(8, "big")
    digest = hashlib.sha1(password.encode("utf-8") + salt).digest()
    return "{SSHA}" + base64.b64encode(digest + salt).decode("ascii")


def user(out, rnd, i, uid=None, parent="ou=people"):
    uid = uid or f"user{i}"
    given = rnd.choice(GIVEN)
    surname = rnd.choice(SURNAMES)
    out.write(
        f"dn: uid={uid},{parent},{SUFFIX}\n"
        "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\n"
        "objectClass: inetOrgPerson\n"
        f"uid: {uid}\ncn: {given} {surname} {i}\nsn: {surname}\ngivenName: {given}\n"
        f"mail: {uid}@example.com\ntelephoneNumber: +1 555 {i // 10000:04d} {i % 10000:04d}\n"
        f"employeeNumber: {i}\ntitle: {rnd.choice(TITLES)}\nl: {rnd.choice(CITIES)}\n"
        f"description: Generated user number {i} for the LDIF import benchmark\n"
        f"userPassword: {ssha('secret' + str(i), rnd)}\n\n")


def unit(out, rnd, size):
    """ou=unit and size - 1 users below it: a subtree of size entries."""
    out.write(f"dn: ou=unit,{SUFFIX}\nobjectClass: top\nobjectClass: organizationalUnit\nou: unit\n\n")
    for j in range(size - 1):
        user(out, rnd, j, uid=f"unit{j}", parent="ou=unit")


def group(out, rnd, g, users):
    first = g * USERS_PER_GROUP
    last = min(first + USERS_PER_GROUP, users)
    members = sorted(rnd.sample(range(first, last), min(MEMBERS_PER_GROUP, last - first)))
    out.write(f"dn: cn=group{g},ou=groups,{SUFFIX}\nobjectClass: top\nobjectClass: groupOfNames\ncn: group{g}\n")
    for m in members:
        out.write(f"member: uid=user{m},ou=people,{SUFFIX}\n")
    out.write("\n")


def main():
    args = sys.argv[1:]
    unit_size = 0
    if len(args) == 4 and args[2] == "--unit":
        unit_size = int(args.pop(3))
        args.pop(2)
    if len(args) != 2:
        sys.exit("usage: ldif-gen.py N OUT.ldif [--unit M]")
    users = int(args[0])
    rnd = random.Random(20240601)
    with open(args[1], "w", encoding="utf-8", buffering=1 << 20) as out:
        header(out)
        for i in range(users):
            user(out, rnd, i)
        for g in range((users + USERS_PER_GROUP - 1) // USERS_PER_GROUP):
            group(out, rnd, g, users)
        if unit_size:
            unit(out, rnd, unit_size)


if __name__ == "__main__":
    main()
