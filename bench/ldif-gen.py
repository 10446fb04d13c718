#!/usr/bin/env python3
"""Writes the LDIF that bench/ldif-import.sh loads into both slapadd and mdbldap.

Usage: ldif-gen.py N OUT.ldif

N inetOrgPerson users under ou=people,dc=example,dc=com (uid=userI, I = 0..N-1, 12
attributes, 15 values each), the suffix and two organizational units, and one groupOfNames under
ou=groups for every 1,000 users, each listing 100 of them as members: N + N/1000 + 3
entries, parents first. No "version: 1" line: slapadd refuses it. The output depends
on N only (a fixed seed), so both loaders always read the same bytes.
"""
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


def user(out, rnd, i):
    given = rnd.choice(GIVEN)
    surname = rnd.choice(SURNAMES)
    out.write(
        f"dn: uid=user{i},ou=people,{SUFFIX}\n"
        "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\n"
        "objectClass: inetOrgPerson\n"
        f"uid: user{i}\ncn: {given} {surname} {i}\nsn: {surname}\ngivenName: {given}\n"
        f"mail: user{i}@example.com\ntelephoneNumber: +1 555 {i // 10000:04d} {i % 10000:04d}\n"
        f"employeeNumber: {i}\ntitle: {rnd.choice(TITLES)}\nl: {rnd.choice(CITIES)}\n"
        f"description: Generated user number {i} for the LDIF import benchmark\n"
        f"userPassword: {{SSHA}}{rnd.getrandbits(160):040x}\n\n")


def group(out, rnd, g, users):
    first = g * USERS_PER_GROUP
    last = min(first + USERS_PER_GROUP, users)
    members = sorted(rnd.sample(range(first, last), min(MEMBERS_PER_GROUP, last - first)))
    out.write(f"dn: cn=group{g},ou=groups,{SUFFIX}\nobjectClass: top\nobjectClass: groupOfNames\ncn: group{g}\n")
    for m in members:
        out.write(f"member: uid=user{m},ou=people,{SUFFIX}\n")
    out.write("\n")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: ldif-gen.py N OUT.ldif")
    users = int(sys.argv[1])
    rnd = random.Random(20240601)
    with open(sys.argv[2], "w", encoding="utf-8", buffering=1 << 20) as out:
        header(out)
        for i in range(users):
            user(out, rnd, i)
        for g in range((users + USERS_PER_GROUP - 1) // USERS_PER_GROUP):
            group(out, rnd, g, users)


if __name__ == "__main__":
    main()
