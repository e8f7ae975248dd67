"""Check each claim's quote (data/claims.csv, column phrase) against the news article, and record fingerprints.

The article is not ours to redistribute, so the repository keeps only a fingerprint of each quote as last
verified against it (tests/fixtures/claims-verified.json): the sha256 of the normalised phrase, and the
sha256 of the normalised article. The data tests compare the phrases with these fingerprints everywhere,
and with the article itself where a copy of it is present.

    python scripts/verify_claims.py --article ../shared/seed/source-article.txt          # check only
    python scripts/verify_claims.py --article ../shared/seed/source-article.txt --write  # check, then record

Normalisation: lower case, every run of white space made one space, ends stripped.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "data" / "claims.csv"
FINGERPRINTS = ROOT / "tests" / "fixtures" / "claims-verified.json"
DEFAULT_ARTICLE = ROOT.parent / "shared" / "seed" / "source-article.txt"


def normalise(text: str) -> str:
    """Lower case, white space collapsed to single spaces, ends stripped."""
    return re.sub(r"\s+", " ", text.lower()).strip()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def phrases(path: Path = CLAIMS) -> dict[str, str]:
    """claim_id -> phrase, from claims.csv."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["claim_id"]: row["phrase"] for row in csv.DictReader(handle)}


def missing_from(article_text: str, claims: dict[str, str]) -> list[str]:
    """Claim ids whose normalised phrase is not in the normalised article."""
    text = normalise(article_text)
    return [cid for cid, phrase in claims.items() if normalise(phrase) not in text]


def fingerprints(article_text: str, claims: dict[str, str]) -> dict:
    return {
        "about": "sha256 of each claim's phrase as last verified word for word against the article, "
                 "and of the article; normalisation: lower case, white space runs to one space, ends "
                 "stripped. Re-verify with: python scripts/verify_claims.py --article PATH --write",
        "article_sha256": sha256(normalise(article_text)),
        "claims": {cid: sha256(normalise(phrase)) for cid, phrase in sorted(claims.items())},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE, help="path to the article's text")
    parser.add_argument("--write", action="store_true", help="record the fingerprints if every quote is found")
    args = parser.parse_args()
    if not args.article.is_file():
        print(f"The article is not at {args.article}; pass --article PATH.", file=sys.stderr)
        return 2
    article = args.article.read_text(encoding="utf-8")
    claims = phrases()
    missing = missing_from(article, claims)
    if missing:
        print(f"Not found word for word in the article: {', '.join(missing)}. Fix the phrases first.",
              file=sys.stderr)
        return 1
    print(f"All {len(claims)} quotes are in the article.")
    if args.write:
        FINGERPRINTS.write_text(json.dumps(fingerprints(article, claims), indent=2) + "\n", encoding="utf-8")
        print(f"Fingerprints written to {FINGERPRINTS.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
