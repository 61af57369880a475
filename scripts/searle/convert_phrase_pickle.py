#!/usr/bin/env python3
"""Converts SEARLE's released GPT phrase bank (concept_to_phrases.pkl, a dict concept -> list of phrases)
into the JSON phrase bank cir4j reads (PhraseBank.readJson). Run once; the Java side never unpickles.

    python3 scripts/searle/convert_phrase_pickle.py concept_to_phrases.pkl phrases.json
"""
import json
import pickle
import sys

if len(sys.argv) != 3:
    sys.exit(__doc__)
with open(sys.argv[1], "rb") as f:
    bank = pickle.load(f)
if not isinstance(bank, dict):
    sys.exit(f"{sys.argv[1]}: expected a dict concept -> phrases, found {type(bank).__name__}")
out = {}
for concept, phrases in bank.items():
    if not isinstance(phrases, (list, tuple)) or not all(isinstance(p, str) for p in phrases):
        sys.exit(f"{sys.argv[1]}: concept {concept!r} does not map to a list of strings")
    out[str(concept)] = list(phrases)
tmp = sys.argv[2] + ".tmp"
with open(tmp, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False)
import os
os.replace(tmp, sys.argv[2])
print(f"{len(out)} concepts, {sum(len(v) for v in out.values())} phrases -> {sys.argv[2]}")
