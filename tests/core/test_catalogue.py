"""The shipped catalogue of trades, sectors and certificates."""

from __future__ import annotations

import pytest
from pypinyin import Style, lazy_pinyin

from kiosk.core.catalogue import Catalogue, Trade, catalogue_from_data, load_catalogue

BRIEF_TRADES = ["瓦工", "木工", "电工", "水暖工", "焊工", "油漆工", "钢筋工", "架子工", "装修杂工",
                "保洁", "家政保姆", "月嫂育婴", "护工", "厨师帮厨", "服务员", "搬运装卸",
                "快递分拣", "司机", "叉车工", "绿化", "保安", "小时工"]
BRIEF_CERTIFICATES = ["电工证", "焊工证", "登高证", "叉车证", "健康证", "育婴师证", "C1驾照",
                      "A2驾照"]


def pinyin_initials(zh: str) -> str:
    return "".join(lazy_pinyin(zh, style=Style.FIRST_LETTER)).upper()


def test_the_trades_of_the_brief_are_there(catalogue: Catalogue) -> None:
    names = {t.zh for t in catalogue.trades}
    assert [t for t in BRIEF_TRADES if t not in names] == []


def test_the_certificates_of_the_brief_are_there(catalogue: Catalogue) -> None:
    names = {c.zh for c in catalogue.certificates}
    assert [c for c in BRIEF_CERTIFICATES if c not in names] == []


def test_codes_and_names_are_unique(catalogue: Catalogue) -> None:
    for items in (catalogue.sectors, catalogue.trades, catalogue.certificates):
        codes = [i.code for i in items]
        assert len(codes) == len(set(codes))
        zh = [i.zh for i in items]
        assert len(zh) == len(set(zh))
        en = [i.en for i in items]
        assert len(en) == len(set(en))
    assert len(catalogue.trade_codes) == len(catalogue.trades)
    assert len(catalogue.certificate_codes) == len(catalogue.certificates)


def test_every_trade_belongs_to_a_sector_and_every_sector_has_trades(
        catalogue: Catalogue) -> None:
    sectors = {s.code for s in catalogue.sectors}
    assert {t.sector for t in catalogue.trades} == sectors
    assert sum(len(catalogue.trades_in(s)) for s in sectors) == len(catalogue.trades)


def test_every_label_is_filled_in(catalogue: Catalogue) -> None:
    for item in (*catalogue.sectors, *catalogue.trades, *catalogue.certificates):
        assert item.code.strip() == item.code != ""
        assert item.zh.strip() and item.en.strip()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in item.zh)
    for t in catalogue.trades:
        assert t.pictogram
    assert catalogue.version >= 1


@pytest.mark.parametrize("trade", load_catalogue().trades, ids=lambda t: t.code)
def test_initials_are_what_pypinyin_derives(trade: Trade) -> None:
    assert trade.initials == pinyin_initials(trade.zh)


def test_search_by_initials(catalogue: Catalogue) -> None:
    assert [t.zh for t in catalogue.trades_by_initials("SN")] == ["水暖工"]
    assert [t.zh for t in catalogue.trades_by_initials("sn")] == ["水暖工"]
    assert [t.zh for t in catalogue.trades_by_initials("SNG")] == ["水暖工"]
    assert {t.zh for t in catalogue.trades_by_initials("HG")} == {"焊工", "护工"}
    assert {t.zh for t in catalogue.trades_by_initials("WG")} == {"瓦工"}
    assert catalogue.trades_by_initials("QQQ") == ()
    assert catalogue.trades_by_initials("") == catalogue.trades
    for t in catalogue.trades:
        assert t in catalogue.trades_by_initials(t.initials)


def test_look_ups(catalogue: Catalogue) -> None:
    plumber = catalogue.trade("C04")
    assert plumber is not None
    assert plumber.zh == "水暖工"
    assert plumber.sector == "construction"
    assert plumber.label("en") == plumber.en
    assert plumber.label("zh_CN") == "水暖工"
    assert catalogue.trade("C99") is None
    assert catalogue.trade("水暖工") is None
    cert = catalogue.certificate("electrician")
    assert cert is not None
    assert cert.zh == "电工证"
    assert cert.label("en") == cert.en
    assert cert.label("zh_CN") == "电工证"
    assert catalogue.certificate("pilot") is None
    assert all(t.sector == "services" for t in catalogue.trades_in("services"))
    assert catalogue.trades_in("nope") == ()


def test_catalogue_from_data() -> None:
    data = {
        "version": "3",
        "sectors": [{"code": "x", "zh": "其他", "en": "Other"}],
        "trades": [{"code": "X01", "sector": "x", "zh": "小时工", "en": "Odd jobs",
                    "pictogram": "hourly", "initials": "XSG"}],
        "certificates": [{"code": "health", "zh": "健康证", "en": "Health certificate"}],
    }
    made = catalogue_from_data(data)
    assert made.version == 3
    assert made.trade_codes == frozenset({"X01"})
    assert made.certificate_codes == frozenset({"health"})
    assert made.trades_by_initials("xs")[0].en == "Odd jobs"
    with pytest.raises(TypeError):
        catalogue_from_data({**data, "trades": [{"code": "X02"}]})
