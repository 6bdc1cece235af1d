"""Actor codes compared on their first three letters, CAMEO-specific country codes made ISO.

The PLOVER gold records were edited so that states carry ISO 3166-1 alpha-3 codes, but a few CAMEO
codes survive; the PETRARCH2 Phoenix dictionaries have a few more. Each entry below says where it was
found. How the gold list was made: every `code` of the `source` and `target` actors in
../shared/data/events/plover-gsr-dev.json that is not an ISO alpha-3 code of
../shared/data/gazetteer/countryInfo.geotext-0.4.0.txt (GeoNames) is one of JAP, VTN (states, below)
or IGO, NGO, IMG, ISM (CAMEO codes of organisations and movements, compared as they are). The Phoenix
list: the same comparison over the codes of ../shared/data/gazetteer/Phoenix.Countries.actors.txt,
which also yields former states that keep their former ISO codes (SUN, DDR, CSK, YUG: ISO 3166-3,
../shared/data/gazetteer/iso_3166-3.json) and codes with no ISO equivalent (KSV Kosovo, SRP
Republika Srpska, KNT Kinakuta, a fictional test state); those are compared as they are.
"""

from __future__ import annotations

TO_ISO = {
    # gold: "Japan", "Tokyo", "Japanese Prime Minister Ryutaro Hashimoto" (3 actors); ISO JPN, which
    # the Phoenix dictionary also uses for Japan.
    "JAP": "JPN",
    # gold: "Vietnamese-led forces"; ISO VNM.
    "VTN": "VNM",
    # Phoenix.Countries.actors.txt: East Timor `[TMPOCC <990830]`, `[TMP >990830]`; TMP is the
    # withdrawn ISO code (ISO 3166-3), TLS the current one, which the gold uses (Timor-Leste).
    "TMP": "TLS",
    # Phoenix.Countries.actors.txt: the Soviet republics before independence, `[USRARM <900823]`,
    # `[USRAZE <911018]`, ...; the same dictionary codes the USSR itself SUN (its ISO 3166-1 code until
    # 1992), as does areabook.
    "USR": "SUN",
}


def norm(code: object) -> str | None:
    """The comparable part of an actor code: its first three letters, upper case, made ISO.
    None for a missing or empty code."""
    if not isinstance(code, str):
        return None
    head = code.strip().upper()[:3]
    if not head:
        return None
    return TO_ISO.get(head, head)
