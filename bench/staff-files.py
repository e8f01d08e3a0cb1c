#!/usr/bin/env python3
"""Writes a made-up OS2mo Plan2Learn file set of N staff (default 55,000, Copenhagen's size)
into DIR, for timing `kompetence import staff` (bench/import-staff). Deterministic; no real
person; CPR numbers have the format only."""
import os, random, sys, uuid

n = int(sys.argv[2]) if len(sys.argv) > 2 else 55_000
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rnd = random.Random(7)
uid = lambda tag: str(uuid.uuid5(uuid.NAMESPACE_URL, f"kompetence-bench/{tag}"))
# A tree: the municipality, 7 administrations, 8 departments each, 6 centres each, ~20 staff per team.
units = [("u0", "Kommunen", "")]
teams = []
for a in range(7):
    units.append((f"a{a}", f"Forvaltning {a + 1}", "u0"))
    for d in range(8):
        units.append((f"a{a}d{d}", f"Afdeling {a + 1}.{d + 1}", f"a{a}"))
        for c in range(6):
            cid = f"a{a}d{d}c{c}"
            units.append((cid, f"Center {a + 1}.{d + 1}.{c + 1}", f"a{a}d{d}"))
            teams.append(cid)
more = max(0, n // 20 - len(teams))
for t in range(more):
    parent = teams[t % len(teams)]
    tid = f"{parent}t{t}"
    units.append((tid, f"Team {t + 1}", parent))
    teams.append(tid)
codes = [(f"k{i}", title, str(1000 + i)) for i, title in enumerate(
    ["Lønkonsulent", "Sagsbehandler", "Pædagog", "Social- og sundhedshjælper", "Økonomikonsulent", "Teamleder"])]
with open(f"{out}/organisation.csv", "w") as f:
    f.write("AfdelingsID,Afdelingsnavn,Parentid,Gade,Postnr,By\n")
    for u, name, parent in units:
        f.write(f"{uid(u)},{name},{uid(parent) if parent else ''},,,\n")
with open(f"{out}/stillingskode.csv", "w") as f:
    f.write("StillingskodeID,AktivStatus,Stillingskode,Stillingskode#\n")
    for c, title, code in codes:
        f.write(f"{uid(c)},1,{title},{code}\n")
with open(f"{out}/bruger.csv", "w") as b, open(f"{out}/engagement.csv", "w") as e:
    b.write("BrugerId,CPR,Navn,E-mail,Mobil,Stilling\n")
    e.write("BrugerId,AfdelingsId,AktivStatus,StillingskodeId,Primær,Engagementstype,StartdatoEngagement\n")
    for i in range(n):
        code = codes[i % (len(codes) - 1)]
        b.write(f"{uid(f'p{i}')},{(i % 28) + 1:02d}{(i % 12) + 1:02d}{60 + i % 40:02d}-{i % 10000:04d},"
                f"Person {i},person{i}@bench.kommune.dk,,{code[1]}\n")
        team = teams[i % len(teams)]
        e.write(f"{uid(f'p{i}')},{uid(team)},1,{uid(code[0])},1,Månedsløn,\n")
        if i % 20 == 0:
            e.write(f"{uid(f'p{i}')},{uid(teams[(i + 7) % len(teams)])},1,{uid(code[0])},0,Timeløn,\n")
with open(f"{out}/leder.csv", "w") as f:
    f.write("BrugerId,AfdelingsID,AktivStatus,Titel\n")
    for j, (u, _, _) in enumerate(units):
        f.write(f"{uid(f'p{(j * 37) % n}')},{uid(u)},1,Leder\n")
print(f"{n} staff, {len(units)} units in {out}")
