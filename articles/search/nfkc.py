"""Characters that NFKC (or the ASCII fold) may turn into, or join with, word characters.

The walk for a common term tests each article's text cheaply — verbatim, or with whitespace
dropped — and normalises it fully only when it holds one of these characters (~2 % of bodies).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from articles.search.text import ASCII_FOLD, WHITESPACE_RE, WORD_CLASS, postgres_class, python_class


def nfkc_sensitive_ranges() -> list[tuple[int, int]]:
    """Computed from ``unicodedata`` (half a second): what :data:`_NFKC_SENSITIVE_RANGES` holds.

    A character is sensitive when it is A-Z, unassigned, combining, the second half of a
    canonical composition, or when NFKC changes it into anything but inert punctuation.
    """
    word = re.compile(f"[{WORD_CLASS}]")
    composes: set[int] = set()
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<") and len(decomposition.split()) == 2:
            composes.add(int(decomposition.split()[1], 16))

    def inert(char: str) -> bool:
        return (
            not word.match(char.translate(ASCII_FOLD))
            and not WHITESPACE_RE.match(char)
            and unicodedata.combining(char) == 0
            and ord(char) not in composes
        )

    ranges: list[list[int]] = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        sensitive = (
            unicodedata.category(char) == "Cn"
            or "A" <= char <= "Z"
            or code in composes
            or unicodedata.combining(char) != 0
        )
        if not sensitive:
            folded = unicodedata.normalize("NFKC", char)
            sensitive = folded != char and not all(inert(c) for c in folded)
        if sensitive:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return [(lo, hi) for lo, hi in ranges]


def parsed_sensitive_ranges() -> list[tuple[int, int]]:
    ranges = []
    for item in "".join(_NFKC_SENSITIVE_RANGES).split():
        lo, _, hi = item.partition("-")
        ranges.append((int(lo, 16), int(hi or lo, 16)))
    return ranges


@lru_cache(maxsize=1)
def pg_sensitive_class() -> str:
    return f"[{postgres_class(tuple(parsed_sensitive_ranges()))}]"



@lru_cache(maxsize=1)
def python_sensitive_re() -> re.Pattern:
    # Python's re tests a class of BMP characters against a bitmap, but a class reaching past
    # U+FFFF range by range (~200 µs per body instead of ~1 µs): so every character beyond the
    # BMP counts as sensitive (rare in this text; they only take the exact slow path).
    bmp = tuple((lo, min(hi, 0xFFFF)) for lo, hi in parsed_sensitive_ranges() if lo <= 0xFFFF)
    return re.compile(f"[{python_class(bmp)}\U00010000-\U0010ffff]")


_NFKC_SENSITIVE_RANGES = (
    "41-5a a0 a8 aa af b2-b5 b8-ba bc-be 132-133 13f-140 149 17f 1c4-1cc 1f1-1f3 2b0 2b2-2b3 2b7-2b8 "
    "2d8-2dd 2e1-2e3 300-34e 350-36f 378-37a 380-385 38b 38d 3a2 3d0-3d2 3d4-3d6 3f0-3f2 3f4-3f5 3f9 "
    "483-487 530 557-558 58b-58c 590-5bd 5bf 5c1-5c2 5c4-5c5 5c7-5cf 5eb-5ee 5f5-5ff 610-61a 64b-65f "
    "670 6d6-6dc 6df-6e4 6e7-6e8 6ea-6ed 70e 711 730-74c 7b2-7bf 7eb-7f3 7fb-7fd 816-819 81b-823 "
    "825-827 829-82f 83f 859-85d 85f 86b-86f 88f 892-89f 8ca-8e1 8e3-8ff 93c 94d 951-954 958-95f 984 "
    "98d-98e 991-992 9a9 9b1 9b3-9b5 9ba-9bc 9be 9c5-9c6 9c9-9ca 9cd 9cf-9df 9e4-9e5 9fe-a00 a04 "
    "a0b-a0e a11-a12 a29 a31 a33-a34 a36-a37 a3a-a3d a43-a46 a49-a4a a4d-a50 a52-a5b a5d-a65 a77-a80 "
    "a84 a8e a92 aa9 ab1 ab4 aba-abc ac6 aca acd-acf ad1-adf ae4-ae5 af2-af8 b00 b04 b0d-b0e b11-b12 "
    "b29 b31 b34 b3a-b3c b3e b45-b46 b49-b4a b4d-b54 b56-b5e b64-b65 b78-b81 b84 b8b-b8d b91 b96-b98 "
    "b9b b9d ba0-ba2 ba5-ba7 bab-bad bba-bbe bc3-bc5 bc9 bcd-bcf bd1-be5 bfb-bff c0d c11 c29 c3a-c3c "
    "c45 c49 c4d-c57 c5b-c5c c5e-c5f c64-c65 c70-c76 c8d c91 ca9 cb4 cba-cbc cc2 cc5 cc9 ccd-cdc cdf "
    "ce4-ce5 cf0 cf3-cff d0d d11 d3b-d3c d3e d45 d49 d4d d50-d53 d57 d64-d65 d80 d84 d97-d99 db2 dbc "
    "dbe-dbf dc7-dcf dd5 dd7 ddf-de5 df0-df1 df5-e00 e38-e3e e48-e4b e5c-e80 e83 e85 e8b ea4 ea6 "
    "eb8-eba ebe-ebf ec5 ec7-ecb ece-ecf eda-edb ee0-eff f18-f19 f35 f37 f39 f43 f48 f4d f52 f57 f5c "
    "f69 f6d-f7d f80-f84 f86-f87 f93 f98 f9d fa2 fa7 fac fb5 fb7 fb9 fbd fc6 fcd fdb-fff 102e 1037 "
    "1039-103a 108d 10c6 10c8-10cc 10ce-10cf 1249 124e-124f 1257 1259 125e-125f 1289 128e-128f 12b1 "
    "12b6-12b7 12bf 12c1 12c6-12c7 12d7 1311 1316-1317 135b-135f 137d-137f 139a-139f 13f6-13f7 "
    "13fe-13ff 169d-169f 16f9-16ff 1714-171e 1734 1737-173f 1754-175f 176d 1771 1774-177f 17d2 "
    "17dd-17df 17ea-17ef 17fa-17ff 181a-181f 1879-187f 18a9 18ab-18af 18f6-18ff 191f 192c-192f "
    "1939-193f 1941-1943 196e-196f 1975-197f 19ac-19af 19ca-19cf 19db-19dd 1a17-1a18 1a1c-1a1d "
    "1a5f-1a60 1a75-1a7f 1a8a-1a8f 1a9a-1a9f 1aae-1abd 1abf-1aff 1b34-1b35 1b44 1b4d-1b4f 1b6b-1b73 "
    "1b7f 1baa-1bab 1be6 1bf2-1bfb 1c37-1c3a 1c4a-1c4c 1c89-1c8f 1cbb-1cbc 1cc8-1cd2 1cd4-1ce0 "
    "1ce2-1ce8 1ced 1cf4 1cf8-1cf9 1cfb-1cff 1d2c-1d2e 1d30-1d3a 1d3c-1d43 1d47-1d49 1d4d 1d4f-1d52 "
    "1d56-1d58 1d5b 1d5d-1d6a 1d78 1d9c 1d9e 1da0 1db5 1dbb 1dbf-1dff 1e9a 1f16-1f17 1f1e-1f1f "
    "1f46-1f47 1f4e-1f4f 1f58 1f5a 1f5c 1f5e 1f71 1f73 1f75 1f77 1f7e-1f7f 1fb5 1fbd-1fc1 1fc5 "
    "1fcd-1fcf 1fd4-1fd5 1fdc-1fdf 1fe3 1fed-1fee 1ff0-1ff1 1ff5 1ffd-200a 2017 202f 203e 205f 2065 "
    "2070-2079 207f-2089 208f-2093 2095-209f 20a8 20c1-20dc 20e1 20e5-2103 2105-2107 2109-2113 "
    "2115-2116 2119-211d 2120-2122 2124 2126 2128 212a-212d 212f-2131 2133-2134 2139 213b-213f "
    "2145-2149 2150-217f 2189 218c-218f 2427-243f 244b-24ea 2adc 2b74-2b75 2b96 2c7c-2c7d 2cef-2cf1 "
    "2cf4-2cf8 2d26 2d28-2d2c 2d2e-2d2f 2d68-2d6e 2d71-2d7f 2d97-2d9f 2da7 2daf 2db7 2dbf 2dc7 2dcf "
    "2dd7 2ddf-2dff 2e5e-2e7f 2e9a 2e9f 2ef3-2fef 2ffc-3000 302a-302f 3038-303a 3040 3097-309c 309f "
    "30ff-3104 3130 318f 3192-319f 31e4-31ef 320e-3247 3250-325f 326e-327e 3280-33ff a48d-a48f "
    "a4c7-a4cf a62c-a63f a66f a674-a67d a69c-a69f a6f0-a6f1 a6f8-a6ff a7cb-a7cf a7d2 a7d4 a7da-a7f4 "
    "a7f8-a7f9 a806 a82c-a82f a83a-a83f a878-a87f a8c4 a8c6-a8cd a8da-a8f1 a92b-a92d a953-a95e "
    "a97d-a97f a9b3 a9c0 a9ce a9da-a9dd a9ff aa37-aa3f aa4e-aa4f aa5a-aa5b aab0 aab2-aab4 aab7-aab8 "
    "aabe-aabf aac1 aac3-aada aaf6-ab00 ab07-ab08 ab0f-ab10 ab17-ab1f ab27 ab2f ab6c-ab6f abed-abef "
    "abfa-abff d7a4-d7af d7c7-d7ca d7fc-d7ff f900-fa0d fa10 fa12 fa15-fa1e fa20 fa22 fa25-fa26 "
    "fa2a-fb12 fb18-fb1f fb2a-fb4e fbc3-fbd2 fc5b-fc63 fc90 fcd9 fcf2-fcf4 fd3c-fd3d fd90-fd91 "
    "fdc8-fdce fdd0-fdef fdfa-fdfb fe1a-fe2f fe49-fe4c fe53 fe67 fe6c-fe72 fe74-fe7f fefd-fefe ff00 "
    "ff10-ff19 ff21-ff3a ff41-ff5a ff66-ff6f ff71-ff9f ffbf-ffc1 ffc8-ffc9 ffd0-ffd1 ffd8-ffd9 "
    "ffdd-ffdf ffe3 ffe7 ffef-fff8 fffe-ffff 1000c 10027 1003b 1003e 1004e-1004f 1005e-1007f "
    "100fb-100ff 10103-10106 10134-10136 1018f 1019d-1019f 101a1-101cf 101fd-1027f 1029d-1029f "
    "102d1-102e0 102fc-102ff 10324-1032c 1034b-1034f 10376-1037f 1039e 103c4-103c7 103d6-103ff "
    "1049e-1049f 104aa-104af 104d4-104d7 104fc-104ff 10528-1052f 10564-1056e 1057b 1058b 10593 10596 "
    "105a2 105b2 105ba 105bd-105ff 10737-1073f 10756-1075f 10768-1077f 10783 10786 10795 107a2 107a5 "
    "107b1 107b6-107b8 107bb-107ff 10806-10807 10809 10836 10839-1083b 1083d-1083e 10856 1089f-108a6 "
    "108b0-108df 108f3 108f6-108fa 1091c-1091e 1093a-1093e 10940-1097f 109b8-109bb 109d0-109d1 10a04 "
    "10a07-10a0b 10a0d 10a0f 10a14 10a18 10a36-10a3f 10a49-10a4f 10a59-10a5f 10aa0-10abf 10ae5-10aea "
    "10af7-10aff 10b36-10b38 10b56-10b57 10b73-10b77 10b92-10b98 10b9d-10ba8 10bb0-10bff 10c49-10c7f "
    "10cb3-10cbf 10cf3-10cf9 10d24-10d2f 10d3a-10e5f 10e7f 10eaa-10eac 10eae-10eaf 10eb2-10eff "
    "10f28-10f2f 10f46-10f50 10f5a-10f6f 10f82-10f85 10f8a-10faf 10fcc-10fdf 10ff7-10fff 11046 "
    "1104e-11051 11070 11076-1107f 110b9-110ba 110c3-110cc 110ce-110cf 110e9-110ef 110fa-11102 11127 "
    "11133-11135 11148-1114f 11173 11177-1117f 111c0 111ca 111e0 111f5-111ff 11212 11235-11236 "
    "1123f-1127f 11287 11289 1128e 1129e 112aa-112af 112e9-112ef 112fa-112ff 11304 1130d-1130e "
    "11311-11312 11329 11331 11334 1133a-1133c 1133e 11345-11346 11349-1134a 1134d-1134f 11351-1135c "
    "11364-113ff 11442 11446 1145c 1145e 11462-1147f 114b0 114ba 114bd 114c2-114c3 114c8-114cf "
    "114da-1157f 115af 115b6-115b7 115bf-115c0 115de-115ff 1163f 11645-1164f 1165a-1165f 1166d-1167f "
    "116b6-116b7 116ba-116bf 116ca-116ff 1171b-1171c 1172b-1172f 11747-117ff 11839-1183a 1183c-1189f "
    "118f3-118fe 11907-11908 1190a-1190b 11914 11917 11930 11936 11939-1193a 1193d-1193e 11943 "
    "11947-1194f 1195a-1199f 119a8-119a9 119d8-119d9 119e0 119e5-119ff 11a34 11a47-11a4f 11a99 "
    "11aa3-11aaf 11af9-11bff 11c09 11c37 11c3f 11c46-11c4f 11c6d-11c6f 11c90-11c91 11ca8 11cb7-11cff "
    "11d07 11d0a 11d37-11d39 11d3b 11d3e 11d42 11d44-11d45 11d48-11d4f 11d5a-11d5f 11d66 11d69 11d8f "
    "11d92 11d97 11d99-11d9f 11daa-11edf 11ef9-11faf 11fb1-11fbf 11ff2-11ffe 1239a-123ff 1246f "
    "12475-1247f 12544-12f8f 12ff3-12fff 1342f 13439-143ff 14647-167ff 16a39-16a3f 16a5f 16a6a-16a6d "
    "16abf 16aca-16acf 16aee-16af4 16af6-16aff 16b30-16b36 16b46-16b4f 16b5a 16b62 16b78-16b7c "
    "16b90-16e3f 16e9b-16eff 16f4b-16f4e 16f88-16f8e 16fa0-16fdf 16fe5-16fff 187f8-187ff 18cd6-18cff "
    "18d09-1afef 1aff4 1affc 1afff 1b123-1b14f 1b153-1b163 1b168-1b16f 1b2fc-1bbff 1bc6b-1bc6f "
    "1bc7d-1bc7f 1bc89-1bc8f 1bc9a-1bc9b 1bc9e 1bca4-1ceff 1cf2e-1cf2f 1cf47-1cf4f 1cfc4-1cfff "
    "1d0f6-1d0ff 1d127-1d128 1d15e-1d169 1d16d-1d172 1d17b-1d182 1d185-1d18b 1d1aa-1d1ad 1d1bb-1d1c0 "
    "1d1eb-1d1ff 1d242-1d244 1d246-1d2df 1d2f4-1d2ff 1d357-1d35f 1d379-1d6c0 1d6c2-1d6da 1d6dc-1d6fa "
    "1d6fc-1d714 1d716-1d734 1d736-1d74e 1d750-1d76e 1d770-1d788 1d78a-1d7a8 1d7aa-1d7c2 1d7c4-1d7c9 "
    "1d7cc-1d7ff 1da8c-1da9a 1daa0 1dab0-1deff 1df1f-1e0ff 1e12d-1e136 1e13e-1e13f 1e14a-1e14d "
    "1e150-1e28f 1e2ae-1e2bf 1e2ec-1e2ef 1e2fa-1e2fe 1e300-1e7df 1e7e7 1e7ec 1e7ef 1e7ff 1e8c5-1e8c6 "
    "1e8d0-1e8ff 1e944-1e94a 1e94c-1e94f 1e95a-1e95d 1e960-1ec70 1ecb5-1ed00 1ed3e-1edff 1ee04 1ee20 "
    "1ee23 1ee25-1ee26 1ee28 1ee33 1ee38 1ee3a 1ee3c-1ee41 1ee43-1ee46 1ee48 1ee4a 1ee4c 1ee50 1ee53 "
    "1ee55-1ee56 1ee58 1ee5a 1ee5c 1ee5e 1ee60 1ee63 1ee65-1ee66 1ee6b 1ee73 1ee78 1ee7d 1ee7f 1ee8a "
    "1ee9c-1eea0 1eea4 1eeaa 1eebc-1eeef 1eef2-1efff 1f02c-1f02f 1f094-1f09f 1f0af-1f0b0 1f0c0 1f0d0 "
    "1f0f6-1f10a 1f110-1f12e 1f130-1f14f 1f16a-1f16c 1f190 1f1ae-1f1e5 1f200-1f25f 1f266-1f2ff "
    "1f6d8-1f6dc 1f6ed-1f6ef 1f6fd-1f6ff 1f774-1f77f 1f7d9-1f7df 1f7ec-1f7ef 1f7f1-1f7ff 1f80c-1f80f "
    "1f848-1f84f 1f85a-1f85f 1f888-1f88f 1f8ae-1f8af 1f8b2-1f8ff 1fa54-1fa5f 1fa6e-1fa6f 1fa75-1fa77 "
    "1fa7d-1fa7f 1fa87-1fa8f 1faad-1faaf 1fabb-1fabf 1fac6-1facf 1fada-1fadf 1fae8-1faef 1faf7-1faff "
    "1fb93 1fbcb-1ffff 2a6e0-2a6ff 2b739-2b73f 2b81e-2b81f 2cea2-2ceaf 2ebe1-2ffff 3134b-e0000 "
    "e0002-e001f e0080-e00ff e01f0-effff ffffe-fffff 10fffe-10ffff "
)
