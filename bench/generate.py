"""Seeded synthetic inputs at a chosen scale: documents written like the real plans, curated tables, a catalogue.

A generated data folder holds raw/, curated/, reference/ (a copy of the repo's, with synthetic indicators
added to indicators.yaml) and manifest.json, which says what each generated document should yield.
The repo's own documents and curated files are included as they are, so a scale is "today plus more".

Documents are written in the styles real ones use (a figure before or after its year, periods and averages,
ranges, lists of provinces, commune plans quoting their province), from every phrase of the catalogue, not
only the phrasings the extractor already reads: what it misses shows in the manifest score (bench/run.py).
"""
from __future__ import annotations

import hashlib
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from etl import paths
from etl.curated import load_curated
from etl.reference import load_reference


@dataclass(frozen=True)
class Scale:
    name: str
    documents: int  # documents in raw/, the repo's own included
    indicators: int  # indicators in the catalogue, the repo's own included
    years: tuple[int, ...]  # years of the curated rows
    kinds: tuple[str, ...]  # kinds of the curated rows
    figures_per_document: int = 12
    tasks_per_document: int = 30

    @property
    def curated_rows(self) -> int:
        return 34 * self.indicators * len(self.years) * len(self.kinds)


SCALES = {
    # the repo's data as it is: no generation
    "today": None,
    # a smoke-test size for CI
    "small": Scale("small", 24, 40, tuple(range(2023, 2026)), ("actual",)),
    # 34 provinces x 10 years x 150 indicators, 1.000 documents of ~30 tasks
    "national": Scale("national", 1000, 150, tuple(range(2016, 2026)), ("actual",)),
    # one step beyond: x4 documents and x4 observations (20 years, actual and target), same catalogue
    "x4": Scale("x4", 4000, 150, tuple(range(2006, 2026)), ("actual", "target")),
}

# -- synthetic indicator catalogue -------------------------------------------------------------------
_MEASURES = [  # (lead words, unit as written, canonical unit, decimals, low, high)
    ("giá trị sản xuất", "tỷ đồng", "tỷ đồng", 1, 200, 90000),
    ("tốc độ tăng giá trị sản xuất", "%", "%", 2, 0.5, 16),
    ("doanh thu", "tỷ đồng", "tỷ đồng", 1, 50, 40000),
    ("tỷ lệ bao phủ", "%", "%", 1, 40, 100),
    ("số cơ sở", "doanh nghiệp", "doanh nghiệp", 0, 20, 9000),
    ("kim ngạch xuất khẩu", "tỷ USD", "tỷ USD", 2, 0.1, 60),
    ("thu nhập bình quân lao động", "triệu đồng", "triệu đồng", 1, 40, 250),
    ("lượt khách đến", "triệu lượt", "triệu lượt", 2, 0.1, 30),
]
_DOMAINS = [
    "ngành thủy sản", "ngành lâm nghiệp", "ngành chăn nuôi", "công nghiệp chế biến", "ngành xây dựng",
    "ngành logistics", "các khu công nghiệp", "các làng nghề", "khu vực hợp tác xã", "du lịch cộng đồng",
    "thương mại điện tử", "công nghiệp hỗ trợ", "năng lượng tái tạo", "dịch vụ cảng biển", "kinh tế cửa khẩu",
    "nông nghiệp công nghệ cao", "dược liệu", "cây ăn quả", "sản phẩm gỗ", "dệt may",
    "dịch vụ y tế tư nhân", "giáo dục nghề nghiệp", "văn hóa và giải trí", "thể thao chuyên nghiệp", "vận tải hành khách",
    "bưu chính viễn thông", "khoa học công nghệ", "kinh tế biển", "kinh tế đêm", "kinh tế tuần hoàn",
]
_UNIT_RANGES = {  # canonical unit -> (unit as written, decimals, low, high) for the repo's own indicators
    "%": ("%", 2, 0.5, 16), "tỷ đồng": ("tỷ đồng", 1, 100, 90000), "triệu đồng": ("triệu đồng", 1, 40, 250),
    "USD": ("USD", 0, 1500, 9000), "tỷ USD": ("tỷ USD", 2, 0.1, 120), "triệu lượt": ("triệu lượt", 2, 0.1, 30),
    "sản phẩm": ("sản phẩm", 0, 10, 900), "căn": ("căn", 0, 50, 9000), "doanh nghiệp": ("doanh nghiệp", 0, 20, 9000),
    "triệu đồng/ha": ("triệu đồng/ha", 1, 50, 300), "điểm %": ("điểm %", 2, 0.1, 5), "hạng": ("hạng", 0, 1, 34),
}


def synthetic_indicators(count: int) -> list[dict]:
    """`count` catalogue entries beyond the repo's own, in a fixed order (no randomness needed)."""
    items = []
    for d, domain in enumerate(_DOMAINS):
        for m, (lead, _, unit, *_rest) in enumerate(_MEASURES):
            phrase = f"{lead} {domain}"
            items.append({"code": f"syn_{d:02d}_{m}", "name_vi": phrase[0].upper() + phrase[1:], "unit": unit,
                          "higher_is_better": True, "is_rate": unit == "%",
                          "phrases": [phrase, f"{lead} của {domain}"]})
    if count > len(items):
        raise ValueError(f"at most {len(items)} synthetic indicators can be generated, not {count}")
    # domain by domain, each with every measure: any prefix mixes units
    return items[:count]


# -- Vietnamese numbers --------------------------------------------------------------------------------
def vn_number(value: float, decimals: int) -> str:
    """18961.4 -> `18.961,4` (dots group thousands, a comma marks decimals)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _key_random(seed: int, *key) -> random.Random:
    digest = hashlib.sha256(repr((seed, *key)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def value_for(seed: int, key: tuple, decimals: int, low: float, high: float) -> float:
    """The one value of (area, indicator, year, kind): every document and table states the same."""
    return round(_key_random(seed, *key).uniform(low, high), decimals)


# -- document text -------------------------------------------------------------------------------------
_FILLER = [
    "Tuyên truyền sâu rộng, toàn diện về bối cảnh, tình hình và kết quả phát triển kinh tế - xã hội của {place}",
    "Khẳng định sự lãnh đạo đúng đắn của Đảng, sự chỉ đạo, điều hành quyết liệt, linh hoạt của chính quyền các cấp",
    "Củng cố niềm tin, tạo sự thống nhất cao về nhận thức và hành động trong cán bộ, đảng viên và các tầng lớp Nhân dân",
    "Khơi dậy khát vọng phát triển, tinh thần đổi mới sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung",
    "Gắn công tác tuyên truyền với phong trào thi đua yêu nước và nhiệm vụ chính trị của {place}",
    "Kịp thời định hướng dư luận xã hội, đấu tranh phản bác các quan điểm sai trái, thù địch",
    "Phản ánh thực tiễn triển khai chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước tại cơ sở",
    "Làm rõ vai trò của {place} trong liên kết vùng, thu hút đầu tư và phát triển hạ tầng chiến lược",
    "Nhấn mạnh việc vận hành hiệu quả mô hình chính quyền địa phương hai cấp, phục vụ Nhân dân và doanh nghiệp",
    "Tuyên truyền khách quan những khó khăn, hạn chế còn tồn tại và các giải pháp khắc phục trong thời gian tới",
    "Biểu dương, nhân rộng các mô hình hay, cách làm hiệu quả, các tập thể, cá nhân điển hình tiên tiến",
    "Đẩy mạnh chuyển đổi số, cải cách hành chính, cải thiện môi trường đầu tư, kinh doanh trên địa bàn",
    "Bảo đảm an sinh xã hội, chăm lo đời sống vật chất và tinh thần của Nhân dân, nhất là vùng đồng bào dân tộc thiểu số",
    "Giữ vững quốc phòng, an ninh, bảo đảm trật tự, an toàn xã hội, tạo môi trường ổn định để phát triển",
]
_UNITS = [
    "Sở Tài chính", "Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Báo và Phát thanh, Truyền hình tỉnh", "Văn phòng Tỉnh ủy",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Đảng ủy các xã, phường", "Trung tâm Chính trị tỉnh", "Hội Nông dân tỉnh",
]
_TASKS = [
    "Chủ trì, phối hợp với các cơ quan liên quan tổ chức tuyên truyền kết quả phát triển kinh tế - xã hội năm 2025.",
    "Chủ trì hướng dẫn, quản lý thông tin truyền thông trên Internet, mạng xã hội và hệ thống thông tin cơ sở.",
    "Phối hợp tổ chức triển lãm, trưng bày chuyên đề về thành tựu phát triển kinh tế - xã hội của {place}.",
    "Tham mưu xây dựng các văn bản chỉ đạo, định hướng nội dung tuyên truyền hằng tháng.",
    "Chỉ đạo, hướng dẫn tổ chức các hoạt động cổ động trực quan, nhất là trên pano, áp phích.",
    "Phát động phong trào thi đua yêu nước, lập thành tích chào mừng các ngày lễ lớn trong năm 2026.",
    "Nắm chắc tình hình tư tưởng, dư luận xã hội, kịp thời phản bác các thông tin sai trái.",
    "Mở chuyên trang, chuyên mục phản ánh kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội.",
    "Tăng cường vận động Nhân dân tham gia giám sát, phản biện xã hội.",
    "Thực hiện tốt công tác thông tin, tuyên truyền về mục tiêu, nhiệm vụ, giải pháp năm 2026.",
    "Hướng dẫn các cơ sở tổ chức hội nghị, tọa đàm, tập huấn về định hướng công tác tuyên truyền.",
    "Cung cấp thông tin, số liệu cho đội ngũ báo cáo viên, tuyên truyền viên các cấp.",
]
_COMMUNES = ["Tân Phú", "Hòa Bình", "An Thạnh", "Phước Long", "Đông Sơn", "Tiên Lãng", "Kim Sơn", "Yên Bình"]
_SIGNERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Hoa"]


@dataclass
class Figure:
    area_code: str
    indicator_code: str
    year: int  # the year, or a period's last year
    kind: str
    operator: str
    value: float
    clause: str
    year_start: int | None = None  # a period's first year
    status: str = "established"  # "review" where the text gives no area of its own (a commune's figures)

    def __post_init__(self):
        if self.year_start is None:
            self.year_start = self.year


def _number_text(value: float, decimals: int, unit_text: str) -> str:
    return f"{vn_number(value, decimals)} {unit_text}" if unit_text != "%" else f"{vn_number(value, decimals)}%"


# Sentence styles of real plans, reports and resolutions: {p} phrase, {n} number, {y} year, {w} the area's word.
_ACTUAL_STYLES = {
    "=": ["{p} của {w} năm {y} đạt {n}", "năm {y}, {p} của {w} đạt {n}", "{p} năm {y} đạt {n}",
          "kết quả năm {y}, {p} đạt {n}", "{p} của {w} đạt {n} vào năm {y}"],
    ">": ["{p} của {w} năm {y} đạt trên {n}", "năm {y}, {p} đạt hơn {n}"],
    "~": ["{p} của {w} năm {y} ước đạt {n}", "ước cả năm {y}, {p} đạt khoảng {n}"],
}
_TARGET_STYLES = {
    "=": ["phấn đấu năm {y} {p} của {w} đạt {n}", "mục tiêu năm {y}: {p} đạt {n}",
          "năm {y}, phấn đấu {p} đạt {n}", "chỉ tiêu năm {y}: {p} {n}"],
    ">=": ["phấn đấu năm {y} {p} của {w} đạt từ {n} trở lên", "năm {y} phấn đấu {p} đạt tối thiểu {n}"],
    "range": ["phấn đấu năm {y} {p} đạt từ {n} đến {u}", "mục tiêu năm {y}: {p} từ {n} - {u}"],
}
_PERIOD_STYLES = ["phấn đấu {p} bình quân giai đoạn {a} - {y} đạt {n}", "mục tiêu giai đoạn {a}–{y}: {p} bình quân {n}"]


def _clause(phrase: str, unit_text: str, value: float, decimals: int, year: int, kind: str, operator: str,
            place_word: str, rng: random.Random | None = None, upper: float | None = None,
            start: int | None = None) -> str:
    pick = rng.choice if rng else (lambda options: options[0])
    number = _number_text(value, decimals, unit_text)
    if start is not None and start != year:
        style = pick(_PERIOD_STYLES)
    elif kind == "target":
        style = pick(_TARGET_STYLES[operator])
    else:
        style = pick(_ACTUAL_STYLES[operator])
    return style.format(p=phrase, n=number, y=year, w=place_word, a=start,
                        u=_number_text(upper, decimals, unit_text) if upper is not None else "")


class Catalogue:
    """The indicators (repo + synthetic) a generated document may name, with every phrase of the catalogue."""

    def __init__(self, scale: Scale, reference_dir: Path):
        self.reference = load_reference(reference_dir)
        self.usable: list[tuple[str, str, str, int, float, float]] = []  # code, phrase, unit text, dec, low, high
        self.ranges: dict[str, tuple[int, float, float]] = {}
        measures = {m[0]: m for m in _MEASURES}
        for ind in self.reference.indicators.values():
            if ind.code.startswith("syn_"):
                lead = next(k for k in sorted(measures, key=len, reverse=True) if ind.name_vi.lower().startswith(k))
                _, unit_text, _, dec, low, high = measures[lead]
            else:
                unit_text, dec, low, high = _UNIT_RANGES.get(ind.unit, (ind.unit, 0, 1, 500))
            self.ranges[ind.code] = (dec, low, high)
            if ind.unit == "hạng":
                continue  # ranks are stated as "xếp thứ", not with a unit: curated rows only
            # the catalogue's own words, as a document writes them (a phrase ending in a verb is a verb phrase)
            self.usable += [(ind.code, phrase, unit_text, dec, low, high) for phrase in ind.phrases
                            if not phrase.endswith(("chiếm", "giảm", "còn"))]


def _document(rng: random.Random, seed: int, catalogue: Catalogue, number: int, area, scale: Scale):
    place = area.name_vi
    place_word = "thành phố" if area.kind == "thành phố" else "tỉnh"
    day, month = rng.randint(1, 28), rng.randint(1, 4)
    # one document in five is a commune's plan: its own figures are the commune's, never the province's
    commune = f"xã {rng.choice(_COMMUNES)}" if number % 5 == 0 else None
    figures: list[Figure] = []
    picks = rng.sample(catalogue.usable, min(scale.figures_per_document, len(catalogue.usable)))
    used_keys = set()
    for i, (code, phrase, unit_text, dec, low, high) in enumerate(picks):
        kind, year = ("target", 2026) if i % 3 == 2 else ("actual", 2025)
        start = year
        if kind == "target" and unit_text == "%" and rng.random() < 0.5:
            start, year = 2026, 2030  # a five-year average: a period, not the 2030 target
        key = (area.area_code, code, year, kind, start)
        if key in used_keys:
            continue
        used_keys.add(key)
        ops = ["=", ">=", "range"] if kind == "target" else ["=", "=", ">", "~"]
        operator = "=" if start != year else rng.choice(ops)
        value = value_for(seed, key, dec, low, high)
        upper = round(value * 1.1 + 10 ** -dec, dec) if operator == "range" else None
        word = "xã" if commune else place_word
        figures.append(Figure(area.area_code, code, year, kind, "range" if upper else operator, value,
                              _clause(phrase, unit_text, value, dec, year, kind, operator, word, rng, upper, start),
                              start, "review" if commune else "established"))
    actual = [f.clause for f in figures if f.kind == "actual"]
    target = [f.clause for f in figures if f.kind == "target"]

    def filler(n: int) -> str:
        return ". ".join(s.format(place=f"{place_word} {place}") for s in rng.sample(_FILLER, n)) + "."

    issuer = (f"Đảng ủy {commune}" if commune else
              f"Ban Thường vụ {'Thành ủy' if place_word == 'thành phố' else 'Tỉnh ủy'}")
    parts = [
        f"ĐẢNG ỦY {commune.upper()}" if commune else f"{'THÀNH ỦY' if place_word == 'thành phố' else 'TỈNH ỦY'} {place.upper()}",
        f"Số: {number}-KH/{'ĐU' if commune else 'TU'}",
        f"{place}, ngày {day} tháng {month} năm 2026",
        "KẾ HOẠCH",
        "Tuyên truyền kết quả phát triển kinh tế - xã hội năm 2025; mục tiêu, nhiệm vụ, giải pháp năm 2026",
        f"Thực hiện Hướng dẫn số 10-HD/BTGDVTW ngày 06/02/2026 của Ban Tuyên giáo và Dân vận Trung ương, "
        f"{issuer} xây dựng kế hoạch tuyên truyền như sau:",
        "I- MỤC ĐÍCH, YÊU CẦU",
    ]
    parts += [f"{i}. {filler(rng.randint(2, 4))}" for i in range(1, rng.randint(4, 6))]
    parts += ["II- NỘI DUNG TUYÊN TRUYỀN", f"1. {filler(3)}",
              f"2. Tuyên truyền kết quả phát triển kinh tế - xã hội năm 2025 và mục tiêu năm 2026 của "
              f"{'xã' if commune else place_word}:"]
    parts += [f"- {filler(rng.randint(2, 4))}" for _ in range(rng.randint(3, 6))]
    if actual:
        parts.append(f"- Kết quả nổi bật năm 2025: {'; '.join(actual)}.")
    # a list of provinces' growth, as statistics releases and regional reports write it
    if number % 7 == 3:
        others = rng.sample([a for a in catalogue.reference.areas.values() if a.is_current_province
                             and a.area_code != area.area_code], 3)
        listed = []
        for other in others:
            key = (other.area_code, "grdp_growth", 2025, "actual", 2025)
            value = value_for(seed, key, 2, 3, 11)
            listed.append(f"{other.name_vi}: {vn_number(value, 2)}%")
            figures.append(Figure(other.area_code, "grdp_growth", 2025, "actual", "=", value, listed[-1]))
        parts.append(f"- Tốc độ tăng trưởng GRDP năm 2025 của một số tỉnh trong vùng: {'; '.join(listed)}.")
    parts += [f"- {filler(rng.randint(2, 3))}" for _ in range(rng.randint(1, 3))]
    if target:
        parts.append(f"- Mục tiêu năm 2026: {'; '.join(target)}.")
    parts += [f"{i}. {filler(rng.randint(2, 4))}" for i in range(3, rng.randint(5, 8))]
    parts += ["III- HÌNH THỨC TUYÊN TRUYỀN",
              "1. Tổ chức hội nghị trực tiếp và trực tuyến học tập, quán triệt nghị quyết của Đảng về kinh tế - xã hội.",
              "2. Tuyên truyền trên báo chí, cổng thông tin điện tử, mạng xã hội; thông qua tài liệu, infographic.",
              "3. Tuyên truyền cổ động trực quan (pano, băng rôn, khẩu hiệu).",
              "IV- TỔ CHỨC THỰC HIỆN"]
    n_tasks = scale.tasks_per_document + rng.randint(-3, 3)
    units = rng.sample(_UNITS, min(len(_UNITS), max(1, (n_tasks + 3) // 4)))
    counts = [n_tasks // len(units)] * len(units)
    for i in range(n_tasks - sum(counts)):
        counts[i] += 1
    for i, (unit, count) in enumerate(zip(units, counts), start=1):
        parts.append(f"{i}. {unit}")
        parts += [f"- {t.format(place=f'{place_word} {place}')}" for t in
                  (rng.choice(_TASKS) for _ in range(count))]
    parts += ["Nơi nhận:\n- Ban Tuyên giáo và Dân vận Trung ương,\n- Lưu Văn phòng.",
              "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", rng.choice(_SIGNERS)]
    return "\n\n".join(parts) + "\n", figures, n_tasks


def generate(scale_name: str, root: Path, seed: int = 2026) -> dict:
    """Write the data folder of a scale into `root` (emptied first) and return its manifest."""
    scale = SCALES[scale_name]
    if scale is None:
        raise ValueError("the 'today' scale is the repo's data/ as it is: nothing to generate")
    if root.exists():
        shutil.rmtree(root)
    raw, curated, reference = root / "raw", root / "curated", root / "reference"
    shutil.copytree(paths.REFERENCE, reference)
    shutil.copytree(paths.CURATED, curated)
    raw.mkdir(parents=True)
    real_docs = sorted(paths.RAW.glob("*.txt"))
    for p in real_docs:
        shutil.copyfile(p, raw / p.name)

    # catalogue: the repo's indicators plus synthetic ones up to the scale's count
    catalogue_path = reference / "indicators.yaml"
    own = yaml.safe_load(catalogue_path.read_text(encoding="utf-8"))
    extra = synthetic_indicators(max(0, scale.indicators - len(own)))
    if extra:
        with catalogue_path.open("a", encoding="utf-8") as f:
            f.write("\n# Synthetic indicators added by bench/generate.py (not in the repo's catalogue).\n")
            f.write(yaml.safe_dump(extra, allow_unicode=True, sort_keys=False, width=200))
    catalogue = Catalogue(scale, reference)

    # documents
    rng = random.Random(seed)
    provinces = [a for a in catalogue.reference.areas.values() if a.is_current_province]
    manifest = {"scale": scale_name, "seed": seed, "documents": {}, "curated_rows": 0,
                "indicators": len(catalogue.reference.indicators), "usable_phrases": len(catalogue.usable)}
    for n in range(scale.documents - len(real_docs)):
        area = provinces[n % len(provinces)]
        text, figures, n_tasks = _document(rng, seed, catalogue, n + 1, area, scale)
        name = f"{area.area_code}_ke-hoach-tuyen-truyen-{n + 1:05d}.txt"
        (raw / name).write_text(text, encoding="utf-8")
        manifest["documents"][name] = {
            "area_code": area.area_code, "tasks": n_tasks,
            "observations": [[f.area_code, f.indicator_code, f.year, f.kind, f.operator, f.value, f.year_start, f.status]
                             for f in figures]}

    # curated rows: published-table style, one file per year, every key not already in the repo's tables
    taken = {c.key for c in load_curated(paths.CURATED, load_reference(paths.REFERENCE),
                                         {p.name for p in real_docs})[0]}
    sources = {}
    for year in scale.years:
        name = f"synthetic_observations_{year}.csv"
        lines = ["area_code,indicator_code,year,kind,operator,value,source_urls,note"]
        for area in provinces:
            for code in catalogue.reference.indicators:
                for kind in scale.kinds:
                    key = (area.area_code, code, year, kind)
                    if key in taken:
                        continue
                    dec, low, high = catalogue.ranges[code]
                    value = value_for(seed, key, dec, low, high)
                    lines.append(f"{area.area_code},{code},{year},{kind},=,{value!r},"
                                 f"https://thongke.example/{year}/{code}.html,bảng tổng hợp {year}")
        (curated / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        manifest["curated_rows"] += len(lines) - 1
        sources[name] = {"publisher": "Benchmark (dữ liệu tổng hợp)", "title": f"Bảng số liệu tổng hợp năm {year}",
                         "published_on": f"{year + 1}-03-31"}
    with (curated / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write("\n" + yaml.safe_dump(sources, allow_unicode=True, sort_keys=False, width=200))
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
    return manifest


def tree_digest(root: Path) -> str:
    """One hash over every file's path and bytes: equal digests mean byte-identical trees."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
