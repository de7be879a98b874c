"""Fact-check plugin: folding, phrase matching and sentence splitting."""

from __future__ import annotations

import pytest
from briefgen_factchecks.matching import FoldedText, fold
from briefgen_factchecks.restated import ProseSentence, TextProbe, restatement_of
from briefgen_factchecks.sentences import sentence_around, sentence_spans


def found(text: str, phrase: str) -> list[str]:
    return [text[a:b] for a, b in FoldedText.of(text).find(phrase)]


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


# ---------------------------------------------------------------- folding


def test_fold_maps_every_folded_character_back_to_the_original():
    text = "Ünal’s «plan»\u00a0costs\u00ad €5…"
    folded, origin = fold(text)
    assert folded == 'ünal\'s "plan" costs €5...'
    assert len(origin) == len(folded)
    assert text[origin[folded.index("costs")]] == "c"
    assert origin[-1] == len(text) - 1  # the three dots all come from "…"


def test_fold_keeps_offsets_right_when_lowercasing_changes_length():
    text = "İstanbul port handled 40 ships"
    assert found(text, "port handled 40 ships") == ["port handled 40 ships"]


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("spent more than $ 180 billion on it", "$180 billion", "$ 180 billion"),
        ("spent more than $180 billion on it", "$ 180 billion", "$180 billion"),
        ("spent more than $180\u00a0billion on it", "$180 billion", "$180\u00a0billion"),
        ("spent more than $180\u202fbillion", "$180 billion", "$180\u202fbillion"),
        ("spent more than $180\nbillion on it", "$180 billion", "$180\nbillion"),
        ("SPENT $180 BILLION", "$180 billion", "$180 BILLION"),
        ("the “green port” plan", 'the "green port" plan', "the “green port” plan"),
        ('the "green port" plan', "the “green port” plan", 'the "green port" plan'),
        ("the mayor’s budget", "the mayor's budget", "the mayor’s budget"),
        ("in 2024–2025 alone", "2024-2025", "2024–2025"),
        ("a 30 day truce", "30-day truce", "30 day truce"),
        ("a 30-day truce", "30 day truce", "30-day truce"),
        ("the cease\u00adfire held", "ceasefire held", "cease\u00adfire held"),
        ("the   quay  was\tclosed", "quay was closed", "quay  was\tclosed"),
    ],
)
def test_phrases_match_across_typographic_variants(text, phrase, expected):
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("it cost $1180 billion", "180 billion"),  # inside a number
        ("the portside tower", "port"),  # inside a word
        ("a port-wide strike", "port wide strikes"),  # the phrase is longer
        ("$180 million", "$180 billion"),
    ],
)
def test_phrases_do_not_match_inside_words_or_other_figures(text, phrase):
    assert found(text, phrase) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("gave more than $180bn in aid", "$180 billion", "$180bn"),
        ("gave more than $180 bn in aid", "$180 billion", "$180 bn"),
        ("gave 180 billion dollars", "$180 billion", "180 billion dollars"),
        ("gave 180 billion US dollars", "$180 billion", "180 billion US dollars"),
        ("gave US$180 billion", "$180 billion", "US$180 billion"),
        ("gave USD 180 billion", "$180 billion", "USD 180 billion"),
        ("gave $180 billion", "180 billion dollars", "$180 billion"),
        ("gave $180 billions", "$180 billion", "$180 billions"),
        ("a $5m grant", "$5 million", "$5m"),
        ("cost €3.5bn", "3.5 billion euros", "€3.5bn"),
        ("cost £2 billion", "2 billion pounds", "£2 billion"),
        ("prices rose 40 per cent", "40 percent", "40 per cent"),
        ("prices rose 40%", "40 percent", "40%"),
        ("prices rose 40 %", "40 per cent", "40 %"),
        ("prices rose 40 pct", "40%", "40 pct"),
        ("a thirty-day truce", "30-day truce", "thirty-day truce"),
        ("a 30 day truce", "thirty-day truce", "30 day truce"),
        ("seven drones", "7 drones", "seven drones"),
        ("sent 1 000 troops", "1,000 troops", "1 000 troops"),
        ("sent 1000 troops", "1,000 troops", "1000 troops"),
        ("sent 12,500 troops", "12500 troops", "12,500 troops"),
        ("more than 12.000 people fled", "12,000 people", "12.000 people"),  # German
        ("at 23,4% of capacity", "23.4%", "23,4%"),  # a decimal comma
        # The same amount on the next scale.
        ("will allocate 3,500 million euros", "€3.5 billion", "3,500 million euros"),
        ("will allocate €3,500m", "€3.5 billion", "€3,500m"),
        ("gave €3.5bn", "3,500 million euros", "€3.5bn"),
        ("a $500 million loan", "$0.5 billion", "$500 million"),
        # Dollars of their own, as written (and with a decimal comma).
        ("a deficit of R$ 42,3 billion", "R$42.3 billion", "R$ 42,3 billion"),
        ("it cost A$180 billion", "A$180 billion", "A$180 billion"),
        ("a deficit of BRL 42.3 billion", "R$42.3 billion", "BRL 42.3 billion"),
        # A number and its unit, written together or apart.
        ("gusts of 98mph hit", "98 mph", "98mph"),
        ("gusts of 98 mph hit", "98mph", "98 mph"),
    ],
)
def test_figures_match_however_the_text_writes_them(text, phrase, expected):
    """One amount, share or small number, written another way."""
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("it cost $180 million", "$180 billion"),  # another scale
        ("it cost 180 billion euros", "$180 billion"),  # another currency
        ("it cost A$180 billion", "$180 billion"),  # Australian dollars
        ("it cost $180 billion", "A$180 billion"),
        ("it cost R$180 billion", "A$180 billion"),
        ("it cost $1180 billion", "$180 billion"),  # a longer number
        ("it cost $180.5 billion", "$180 billion"),
        ("a 5m road", "5 million"),  # metres: letters are scales after a currency only
        ("rose 140 percent", "40 percent"),
        ("rose 4.0%", "40%"),
        ("in 2,024 homes", "2024"),  # a year is not set apart in thousands
        ("the 7th drone", "7 drones"),
        ("rose 1.0002 points", "10,002 points"),  # a decimal, not thousands
        ("at 23,5% of capacity", "23.4%"),
        ("cost $3,500 billion", "$3.5 billion"),
        ("cost 35 million euros", "€3.5 billion"),
    ],
)
def test_figures_of_another_value_do_not_match(text, phrase):
    assert found(text, phrase) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("almost 15,000 subscribers", "15 000 subscribers", "15,000 subscribers"),
        ("almost 15000 subscribers", "15\u00a0000 subscribers", "15000 subscribers"),
        ("lost 1,200 customers", "1 200 customers", "1,200 customers"),
        ("lost €15,000", "€15 000", "€15,000"),
        ("paid 3,000,000 euros", "€3 000 000", "3,000,000 euros"),
        # Controls: the text sets them apart, or both do.
        ("almost 15 000 subscribers", "15,000 subscribers", "15 000 subscribers"),
        ("almost 15 000 subscribers", "15 000 subscribers", "15 000 subscribers"),
    ],
)
def test_thousands_a_phrase_sets_apart_with_a_space_are_one_number(text, phrase, expected):
    """A phrase's "15 000" is read as the text's figures are: 15,000."""
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("almost 15,001 subscribers", "15 000 subscribers"),
        ("sank 2,024,100 tonnes", "2024 100 tonnes"),  # four figures first: no thousands
        ("lost 120 customers", "1 20 customers"),  # not a group of three
    ],
)
def test_figures_set_apart_by_a_space_are_thousands_only_in_groups_of_three(text, phrase):
    assert found(text, phrase) == []


def test_a_hyphen_may_join_an_amount_s_number_and_its_scale():
    """'$4.2-billion', as Canadian and South African copy writes amounts."""
    assert found("signed a $4.2-billion deal", "$4.2 billion") == ["$4.2-billion"]
    assert found("signed a $600-million deal", "$600m") == ["$600-million"]
    assert found("a grant of €18-million", "18 million euros") == ["€18-million"]
    assert found("signed a $4.2bn deal", "$4.2-billion") == ["$4.2bn"]
    deal = "Ontario and Quebec signed a $4.2 billion electricity deal."
    assert restates(deal, "Ontario and Quebec signed a $4.2-billion electricity deal on Thursday.")
    # Another value, joined the same way; and a range is no hyphenated scale.
    assert found("signed a $4.2-million deal", "$4.2 billion") == []
    assert found("it may cost 2-3 billion euros", "2 billion euros") == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # As written: letters before a figure read as one word were never found.
        ("will see R2.3 billion channelled", "R2.3 billion", "R2.3 billion"),
        ("levels of PM2.5 rose", "PM2.5", "PM2.5"),
        # The rand written other ways: a decimal comma, a hyphen, bn, its code, its name.
        ("owed the utility R14,6-billion", "R14.6 billion", "R14,6-billion"),
        ("This is R2.3bn of taxpayers' money", "R2.3 billion", "R2.3bn"),
        ("owed ZAR 2.3 billion", "R2.3 billion", "ZAR 2.3 billion"),
        ("owed 2.3 billion rand", "R2.3 billion", "2.3 billion rand"),
        # The naira, the ruble (and bln for billion), other letters.
        ("released N48.2bn for roads", "₦48.2 billion", "N48.2bn"),
        ("were directed RUB 4.8 bln.", "4.8 billion rubles", "RUB 4.8 bln"),
        ("a sum of RUB4.8bn", "4.8 billion roubles", "RUB4.8bn"),
        ("paid K2.5m", "K2.5 million", "K2.5m"),
        ("cost Rp 5,2 trillion", "Rp5.2 trillion", "Rp 5,2 trillion"),
    ],
)
def test_letters_written_against_an_amount_are_its_currency(text, phrase, expected):
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # Another currency.
        ("it cost R$2.3 billion", "R2.3 billion"),
        ("it cost R2.3 billion", "$2.3 billion"),
        ("it cost C$4.2 billion", "$4.2 billion"),  # still Canadian dollars
        ("it cost P2.5m", "K2.5 million"),
        ("it cost RUB 2.3 billion", "R2.3 billion"),
        # No amount (no decimal, thousands or scale): a name, found only as written.
        ("the K 2 summit", "K2 summit"),
        ("sold 95 naira masks", "N95 masks"),
    ],
)
def test_letters_against_a_figure_are_no_other_currency_and_no_amount_in_a_name(text, phrase):
    assert found(text, phrase) == []


@pytest.mark.parametrize(
    "text", ["€18,100 million", "€18 100 million", "€18\u00a0100 million", "€18100 million"]
)
def test_thousands_set_apart_any_way_are_the_same_amount_on_the_next_scale(text):
    assert found(f"paid {text} to Kyiv", "€18.1 billion") == [text]
    assert found(f"paid {text} to Kyiv", "€18.2 billion") == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # "¥" is the yen's sign and, in Chinese copy, the yuan's: a phrase's
        # "¥" is found as either, and the text's "¥" for either.
        ("revenue reached 312 billion yen", "¥312 billion", "312 billion yen"),
        ("revenue reached JPY 312 billion", "¥312 billion", "JPY 312 billion"),
        ("revenue reached ¥312bn", "312 billion yen", "¥312bn"),
        ("trade reached 312 billion yuan", "¥312 billion", "312 billion yuan"),
        ("trade reached Rmb312bn", "¥312 billion", "Rmb312bn"),
        ("trade reached CN¥312 billion", "¥312 billion", "CN¥312 billion"),
        ("trade reached ¥312 billion", "312 billion renminbi", "¥312 billion"),
        ("trade reached 312 billion renminbi", "CNY 312 billion", "312 billion renminbi"),
        # The won, the rupee, the Swiss franc.
        ("exports of 1.9 trillion won", "₩1.9 trillion", "1.9 trillion won"),
        ("exports of KRW 1.9 trillion", "1.9 trillion won", "KRW 1.9 trillion"),
        ("a grant of Rs 500 million", "₹500 million", "Rs 500 million"),
        ("a grant of Rs. 500 million", "500 million rupees", "Rs. 500 million"),
        ("a grant of INR 500 million", "Rs500 million", "INR 500 million"),
        ("a loss of CHF 2.1 billion", "2.1 billion Swiss francs", "CHF 2.1 billion"),
        ("a loss of SFr2.1bn", "CHF 2.1 billion", "SFr2.1bn"),
    ],
)
def test_the_yen_yuan_won_rupee_and_swiss_franc_by_sign_code_or_name(text, phrase, expected):
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # The yen's names and code are never the yuan's.
        ("trade reached 312 billion yuan", "312 billion yen"),
        ("trade reached RMB 312 billion", "JPY 312 billion"),
        ("revenue reached JPY 312 billion", "312 billion yuan"),
        ("revenue reached $312 billion", "¥312 billion"),
        ("exports of 1.9 trillion yen", "₩1.9 trillion"),
        ("a grant of R500 million", "Rs 500 million"),  # the rand
        ("a loss of 2.1 billion francs", "CHF 2.1 billion"),  # francs alone may be another's
    ],
)
def test_the_yen_and_the_yuan_are_told_apart_by_name_or_code(text, phrase):
    assert found(text, phrase) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # The Turkish lira, the rupiah, the Vietnamese dong.
        (
            "the housing cost 44.6 billion Turkish liras",
            "₺44.6 billion",
            "44.6 billion Turkish liras",
        ),
        ("the housing cost TL 44.6 billion", "44.6 billion lira", "TL 44.6 billion"),
        ("the housing cost 44.6 billion TRY", "₺44.6 billion", "44.6 billion TRY"),
        ("will allocate Rp12.5 trillion", "IDR 12.5 trillion", "Rp12.5 trillion"),
        ("will allocate 12.5 trillion rupiah", "Rp 12.5 trillion", "12.5 trillion rupiah"),
        ("a loan of 5 trillion dong", "₫5 trillion", "5 trillion dong"),
        ("a loan of VND 5 trillion", "5 trillion Vietnamese dong", "VND 5 trillion"),
        # The Pakistani rupee: "Rs" is its sign as the Indian rupee's.
        ("a grant of Rs 500 million", "PKR 500 million", "Rs 500 million"),
        (
            "a grant of 500 million Pakistani rupees",
            "Rs500 million",
            "500 million Pakistani rupees",
        ),
        # The Norwegian and Danish krone and the Swedish krona share "kr".
        ("exports of SEK 5 billion", "5 billion Swedish kronor", "SEK 5 billion"),
        ("exports of kr 5 billion", "5 billion Danish kroner", "kr 5 billion"),
        ("exports of 5 billion kroner", "NOK 5 billion", "5 billion kroner"),
        ("exports of 5 billion krona", "kr. 5 billion", "5 billion krona"),
        # The cedi and the Kenyan shilling.
        ("a GH¢2.3 billion bailout", "2.3 billion cedis", "GH¢2.3 billion"),
        ("a GH₵2.3 billion bailout", "GHS 2.3 billion", "GH₵2.3 billion"),
        ("collected KSh 150 million less", "Sh150 million", "KSh 150 million"),
        ("collected Sh150 million less", "150 million Kenyan shillings", "Sh150 million"),
        ("collected KES 150 million less", "Sh 150 million", "KES 150 million"),
        # The Philippine peso, a letter glued to an amount as the rand's; the Mexican peso.
        ("a P12.3 billion budget", "₱12.3 billion", "P12.3 billion"),
        ("a ₱12.3 billion budget", "P12.3 billion", "₱12.3 billion"),
        ("a budget of 12.3 billion pesos", "PHP 12.3 billion", "12.3 billion pesos"),
        ("a budget of MX$12.3 billion", "12.3 billion Mexican pesos", "MX$12.3 billion"),
        ("a budget of MXN 12.3 billion", "MX$12.3 billion", "MXN 12.3 billion"),
    ],
)
def test_more_currencies_by_sign_code_or_name(text, phrase, expected):
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # Names and codes never cross.
        ("a grant of 500 million Pakistani rupees", "₹500 million"),
        ("a grant of INR 500 million", "PKR 500 million"),
        ("exports of 5 billion Norwegian kroner", "DKK 5 billion"),
        ("exports of 5 billion kronor", "NOK 5 billion"),  # the krona is Swedish
        ("a budget of 12.3 billion Mexican pesos", "₱12.3 billion"),
        ("a budget of MX$12.3 billion", "$12.3 billion"),
        ("a budget of MX$12.3 billion", "P12.3 billion"),
        ("collected Sh150 million less", "R150 million"),
        ("a P12.3 billion budget", "R12.3 billion"),
        ("the housing cost 44.6 billion Turkish liras", "44.6 billion euros"),
        # A letter before a small bare number is a name, found only as written.
        ("the P 5 nations", "P5 nations"),
        ("it cost 5 pesos", "P5"),
    ],
)
def test_more_currencies_are_no_other_and_a_glued_letter_is_no_amount_in_a_name(text, phrase):
    assert found(text, phrase) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("a grant of Rs 5 crore", "Rs 50 million", "Rs 5 crore"),
        ("a grant of Rs 50 million", "Rs 5 crore", "Rs 50 million"),
        ("a grant of Rs 5 crores", "50 million rupees", "Rs 5 crores"),
        ("a waiver of Rs 12,000 crore", "₹120 billion", "Rs 12,000 crore"),
        ("a grant of ₹2.5 lakh", "₹250,000", "₹2.5 lakh"),
        ("a grant of ₹250,000", "₹2.5 lakhs", "₹250,000"),
        ("it will benefit 12 lakh people", "1.2 million people", "12 lakh people"),
        ("it will benefit 1.2 million people", "12 lakh people", "1.2 million people"),
        ("it will benefit 1,200,000 people", "12 lakhs people", "1,200,000 people"),
    ],
)
def test_lakh_and_crore_are_scales(text, phrase, expected):
    """South Asian copy counts in lakh (100,000) and crore (10 million)."""
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("a grant of Rs 5 crore", "Rs 5 million"),
        ("a grant of ₹2.5 lakh", "₹2.5 million"),
        ("it will benefit 12 lakh people", "12 million people"),
        ("a grant of Rs 5 crore", "$50 million"),
    ],
)
def test_lakh_and_crore_are_no_other_value(text, phrase):
    assert found(text, phrase) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # Thousands set apart by points, two groups or more, or before a decimal comma.
        ("a fine of €1.25 million", "1.250.000 euro", "€1.25 million"),
        ("income: R$1,203,450.", "R$ 1.203.450,00", "R$1,203,450"),
        ("a fine of €1,250.5", "€1.250,5", "€1,250.5"),
        ("a fine of €1.250,5", "€1,250.5", "€1.250,5"),
        ("a deficit of R$42.3bn", "R$ 42,3 billion", "R$42.3bn"),  # a decimal comma alone
        # A sum of money with zero cents is the whole sum.
        ("income: R$ 1.203.450,00.", "R$1,203,450", "R$ 1.203.450,00"),
        ("a fee of $5.00 a day", "$5 a day", "$5.00 a day"),
        # One group alone is a decimal, as before.
        ("a fine of €1.25 million", "€1.250 million", "€1.25 million"),
    ],
)
def test_thousands_set_apart_by_points_with_a_decimal_comma(text, phrase, expected):
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("a fine of €1.25 billion", "€1.250 million"),  # 1.250 is not 1,250
        ("a fine of €1.250.001", "€1.25 million"),
        ("income: R$ 1.203.450,50.", "R$1,203,450"),  # not zero cents
        ("income: R$ 1.203.450.000.", "R$1,203,450"),  # a longer number
        ("a fee of $5.000 a day", "$5 a day"),
    ],
)
def test_thousands_set_apart_by_points_are_no_other_value(text, phrase):
    assert found(text, phrase) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("some 452 thousand residences", "452,000 residences", "452 thousand residences"),
        ("some 452,000 residences", "452 thousand residences", "452,000 residences"),
        ("a fine of €1,250,000", "€1.25 million", "€1,250,000"),
        ("a fine of €1.25 million", "€1,250,000", "€1.25 million"),
        ("a grant of $250k", "$250,000", "$250k"),
    ],
)
def test_an_amount_in_figures_is_the_same_amount_on_a_scale(text, phrase, expected):
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("some 452 thousand residences", "45,200 residences"),
        ("some 452,000 residences", "452 million residences"),
        ("a fine of €1,250,000", "€1.25 billion"),
        ("a fine of €1,250,001", "€1.25 million"),
        ("a grant of $250k", "$25,000"),
    ],
)
def test_an_amount_in_figures_is_no_other_value_on_a_scale(text, phrase):
    assert found(text, phrase) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("the pier drew 41k visitors", "41,000 visitors", "41k visitors"),
        ("the pier drew 41K visitors", "41 thousand visitors", "41K visitors"),
        ("the pier drew 41,000 visitors", "41k visitors", "41,000 visitors"),
        ("the pier drew 12.5k visitors", "12,500 visitors", "12.5k visitors"),
    ],
)
def test_a_k_glued_to_a_figure_is_a_thousand(text, phrase, expected):
    """'k' is a thousand after any number, not only after a currency."""
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("the pier drew 41 k visitors", "41,000 visitors"),  # glued to the number only
        ("a 41km walk", "41,000"),
        ("the pier drew 410k visitors", "41,000 visitors"),
        ("the pier drew 41m visitors", "41,000 visitors"),
    ],
)
def test_a_k_glued_to_a_figure_is_no_other_value(text, phrase):
    assert found(text, phrase) == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("the bank lifted rates by 75bps", "75 basis points", "75bps"),
        ("the bank lifted rates by 75 bps", "75 basis points", "75 bps"),
        ("a 75bp rise", "75 basis points", "75bp"),
        ("a 75-basis-point rise", "75bps", "75-basis-point"),
        ("a 75 basis point rise", "75 basis points", "75 basis point"),
        ("a 75 bp rise", "a 75-basis-point rise", "a 75 bp rise"),
        ("spreads narrowed by twenty basis points", "20bps", "twenty basis points"),
    ],
)
def test_basis_points_written_any_way(text, phrase, expected):
    """'bps' and 'bp' are basis points, as markets copy writes them."""
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("the bank lifted rates by 175bps", "75 basis points"),
        ("the bank lifted rates by 75%", "75 basis points"),
        ("the index lifted 75 points", "75bps"),
    ],
)
def test_basis_points_of_another_value_or_unit_do_not_match(text, phrase):
    assert found(text, phrase) == []


def test_figures_that_are_no_one_number_are_matched_as_written():
    assert found("version $1.2.3 is out", "$1.2.3") == ["$1.2.3"]
    assert found("a plan of $1.2.3 billion", "$1.2.3 billion") == ["$1.2.3 billion"]


def test_a_currency_s_name_before_a_number_is_a_word():
    """Names are written after an amount: "Euro 2024" was read as €2024."""
    assert found("the hosts of Euro 2024 said", "Euro 2024") == ["Euro 2024"]
    assert found("Labour won 412 seats", "Labour won 412 seats") == ["Labour won 412 seats"]
    assert found("it cost €2024", "Euro 2024") == []


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("reached 295.6 billion U.S. dollars", "$295.6 billion", "295.6 billion U.S. dollars"),
        ("reached 295.6 billion US dollars", "$295.6 billion", "295.6 billion US dollars"),
        ("reached $295.6bn", "295.6 billion U.S. dollars", "$295.6bn"),
        ("a $4.2 billion deal", "4.2 billion dollars", "$4.2 billion"),
        # Dollars of their own, by their names.
        ("a deal of 4.2 billion Canadian dollars", "C$4.2 billion", "4.2 billion Canadian dollars"),
        ("a deal of A$4.2 billion", "4.2 billion Australian dollars", "A$4.2 billion"),
        ("worth 4.2 billion Hong Kong dollars", "HK$4.2 billion", "4.2 billion Hong Kong dollars"),
        ("a deficit of 42.3 billion reais", "R$42.3 billion", "42.3 billion reais"),
    ],
)
def test_dollars_written_as_words_with_their_country(text, phrase, expected):
    assert found(text, phrase) == [expected]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("a deal of 4.2 billion Canadian dollars", "$4.2 billion"),
        ("a deal of 4.2 billion Australian dollars", "C$4.2 billion"),
        ("a deal of $4.2 billion", "4.2 billion Australian dollars"),
        ("a deal of 4.2 billion U.S. dollars", "A$4.2 billion"),
    ],
)
def test_dollars_of_one_country_are_never_another_s(text, phrase):
    assert found(text, phrase) == []


def test_dollars_written_as_words_restate_a_claim():
    claim = "Trade between China and Africa reached $295.6 billion in 2024."
    sentence = (
        "Lin said trade between China and Africa reached 295.6 billion U.S. dollars last year."
    )
    assert restates(claim, sentence)
    assert not restates(claim, sentence.replace("U.S.", "Canadian"))


def test_letters_glued_to_an_amount_do_not_hide_its_figure():
    """A phrase's bare amount ("14.6 billion") is found after any sign."""
    assert found("owed the utility R14.6 billion", "14.6 billion") == ["14.6 billion"]
    assert found("owed the utility R14,6-billion", "14.6 billion") == ["14,6-billion"]
    assert found("owed the utility $14.6 billion", "14.6 billion") == ["14.6 billion"]
    # Not inside a longer number; and without a scale, no amount.
    assert found("owed the utility R114.6 billion", "14.6 billion") == []
    assert found("levels of PM14.6 were recorded", "14.6") == []
    assert found("the A14.6 road", "14.6") == []
    assert not restates(
        "Levels of fine dust reached 14.6 in the city.", "Levels of fine PM14.6 dust in the city."
    )


def test_every_occurrence_is_found():
    text = "It was 12 ships. Later, 12 ships again."
    assert FoldedText.of(text).find("12 ships") == [(7, 15), (24, 32)]


# ---------------------------------------------------------------- sentences


def test_sentences_split_on_ordinary_full_stops():
    assert sentences("The quay opened. It closed again! Why? Nobody knows.") == [
        "The quay opened.",
        "It closed again!",
        "Why?",
        "Nobody knows.",
    ]


def test_decimals_and_titles_do_not_end_sentences():
    text = "Dr. Okafor put the cost at $1.5 billion and 3.2% of output. Mr. Lund agreed."
    assert sentences(text) == [
        "Dr. Okafor put the cost at $1.5 billion and 3.2% of output.",
        "Mr. Lund agreed.",
    ]


def test_initialisms_end_a_sentence_only_before_a_sentence_starter():
    text = "The U.S. Treasury paid. The money came from the U.S. The rest came from the E.U."
    assert sentences(text) == [
        "The U.S. Treasury paid.",
        "The money came from the U.S.",
        "The rest came from the E.U.",
    ]


def test_abbreviations_before_names_dates_and_figures():
    text = (
        "Talks ended on Feb. 28 in St. Petersburg with Gen. Haldane and Donald J. Harrow. "
        "Turnout was approx. 40 per cent at 5 p.m. Officials left."
    )
    assert sentences(text) == [
        "Talks ended on Feb. 28 in St. Petersburg with Gen. Haldane and Donald J. Harrow.",
        "Turnout was approx. 40 per cent at 5 p.m.",
        "Officials left.",
    ]


def test_letters_on_a_figure_end_a_sentence_like_a_word():
    text = (
        "Wages rose faster in the 1990s. Marine work paid less in the '90s. "
        "Trawlers of the 70s. Quotas cost £10m. Skippers said 3ft. Swells hit."
    )
    assert sentences(text) == [
        "Wages rose faster in the 1990s.",
        "Marine work paid less in the '90s.",
        "Trawlers of the 70s.",
        "Quotas cost £10m.",
        "Skippers said 3ft.",
        "Swells hit.",
    ]


def test_a_time_ends_a_sentence_before_a_capitalised_word_but_a_day_month_or_zone():
    text = (
        "Polls closed at 10 p.m. Turnout was high. Counting began at 11 p.m. Tuesday "
        "and ended at 4 a.m. ET on the dot. Results came at 9 a.m. Voters cheered."
    )
    assert sentences(text) == [
        "Polls closed at 10 p.m.",
        "Turnout was high.",
        "Counting began at 11 p.m. Tuesday and ended at 4 a.m. ET on the dot.",
        "Results came at 9 a.m.",
        "Voters cheered.",
    ]


def test_a_dateline_is_no_part_of_the_first_sentence():
    assert sentences("GENEVA — A pill cut admissions by 27%. It works.") == [
        "A pill cut admissions by 27%.",
        "It works.",
    ]
    assert sentences("KYIV, Ukraine (AP) — Sirens sounded.") == ["Sirens sounded."]
    # A full stop inside the dateline ends no sentence.
    assert sentences("PINE RIDGE, Calif. (KVRT) — The fire grew. Crews held.") == [
        "The fire grew.",
        "Crews held.",
    ]
    assert sentences("Valencia, 8 apr (EFE).- The region will spend more.") == [
        "The region will spend more."
    ]
    assert sentences("NATO - the alliance - met.") == ["NATO - the alliance - met."]
    # Other labels: a time stamp, a speaker in an interview, a place and a colon.
    assert sentences("15:10 — Trains stopped. Buses ran.") == ["Trains stopped.", "Buses ran."]
    assert sentences("A: Dues cover a fifth of it.") == ["Dues cover a fifth of it."]
    assert sentences("AMARAVATI: The cabinet met.") == ["The cabinet met."]
    assert sentences("Note: the port is shut.") == ["Note: the port is shut."]


def test_a_dateline_in_accented_capitals_is_no_part_of_the_first_sentence():
    """Capitals are any upper-case letters: 'VILA ÁGUEDA -- ', 'ŽELINOVO — '."""
    assert sentences("VILA ÁGUEDA -- The dam holds 41% less. Farmers wait.") == [
        "The dam holds 41% less.",
        "Farmers wait.",
    ]
    assert sentences("ŽELINOVO — The mill shut.") == ["The mill shut."]
    assert sentences("ÖSTERBY, Sweden (AP) — Ferries stopped.") == ["Ferries stopped."]
    assert sentences("ÉCLUSE-SUR-MER: Évora sent aid.") == ["Évora sent aid."]
    # Still no dateline without a dash or a colon after the capitals.
    assert sentences("ÉCLUSE sent aid.") == ["ÉCLUSE sent aid."]


def test_a_dateline_with_its_agency_in_brackets_may_name_the_place_in_any_case():
    """German and Austrian agencies: 'Hanover (dpa/lni) - '."""
    assert sentences("Hanover (dpa/lni) - Wolves have torn 1.412 animals. It is a record.") == [
        "Wolves have torn 1.412 animals.",
        "It is a record.",
    ]
    assert sentences("Bad Homburg (dpa) — Die Polizei ermittelt.") == ["Die Polizei ermittelt."]
    assert sentences("KYIV (dpa/lni) - Sirens sounded.") == ["Sirens sounded."]
    # No agency in brackets, or more than a place's words before it: no dateline.
    assert sentences("Hanover - the capital - voted.") == ["Hanover - the capital - voted."]
    text = "Wolves (Canis lupus) - Strictly protected animals - are back."
    assert sentences(text) == [text]
    text = "The Lower Saxony Wolf Office (LWO) - A report followed."
    assert sentences(text) == [text]


def test_quotes_stay_with_their_sentence():
    text = "“Is the quay finished?” she asked. “Not yet.” He left… Then he came back."
    assert sentences(text) == [
        "“Is the quay finished?” she asked.",
        "“Not yet.”",
        "He left…",
        "Then he came back.",
    ]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Er sagte: „Wir warten. Es ist spät.“ Die Fähre kam.", "Er sagte: „Wir warten."),
        ("She said: ‚We wait.‘ The ferry came.", "She said: ‚We wait.‘"),
        ("Er sagte: »Wir warten.« Die Fähre kam.", "Er sagte: »Wir warten.«"),
        ("Elle a dit : « Nous attendons. » Le bac est venu.", "Elle a dit : « Nous attendons. »"),
        ("Hon sa: «Vi väntar.» Färjan kom.", "Hon sa: «Vi väntar.»"),
    ],
)
def test_any_closing_quotation_mark_after_a_full_stop_ends_the_sentence(text, first):
    spans = sentences(text)
    assert spans[0] == first
    assert spans[-1] in ("Die Fähre kam.", "The ferry came.", "Le bac est venu.", "Färjan kom.")


def test_a_sentence_may_open_with_a_low_quotation_mark_or_a_guillemet():
    text = "Die Fähre kam. „Wir warten“, sagte er. »Zu spät«, rief sie. ‚Gut‘, hieß es."
    assert sentences(text) == [
        "Die Fähre kam.",
        "„Wir warten“, sagte er.",
        "»Zu spät«, rief sie.",
        "‚Gut‘, hieß es.",
    ]


def test_a_word_ending_in_a_plain_letter_after_an_accented_one_is_no_initial():
    assert sentences("Es ist spät. Die Fähre kam. Ein Schiff fuhr ab.") == [
        "Es ist spät.",
        "Die Fähre kam.",
        "Ein Schiff fuhr ab.",
    ]


def test_a_sentence_may_start_with_a_figure_or_an_opening_quote():
    text = "Ships were late in 2024. 150 of them waited. 'Too many,' said the pilot."
    assert sentences(text) == [
        "Ships were late in 2024.",
        "150 of them waited.",
        "'Too many,' said the pilot.",
    ]


def test_sentence_around_covers_every_sentence_a_span_touches():
    text = "One. Two three. Four."
    start = text.index("three")
    assert text[slice(*sentence_around(text, start, start + 5))] == "Two three."
    assert text[slice(*sentence_around(text, 2, text.index("three") + 2))] == "One. Two three."


# ---------------------------------------------------------------- restated claims


def restates(claim: str, sentence: str, claimant: str = "", aliases: tuple[str, ...] = ()) -> bool:
    restatement = restatement_of(claim, claimant, aliases)
    assert restatement is not None
    return restatement.score(ProseSentence.of(0, len(sentence), sentence)) is not None


AID = "The United States has spent $350 billion on aid to Ukraine."
INFLATION = "Inflation fell to 2.1 per cent in October."


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        (AID, "The United States has spent $350 billion on aid to Ukraine."),
        # Other figures' spellings, other tenses, words left out.
        (AID, "He said the United States had spent $350bn helping Ukraine."),
        (INFLATION, "Inflation in the euro area eased to 2.1% last month."),
        # Plural and verb endings set aside; a year is a word, not a figure.
        ("Ukraine started the war in 2014.", "Ukraine starts wars, Putin said."),
        ("The port handled 900 ships.", "Officials say the port has handled 900 ships."),
        ("Rents rose 2.5 times faster than wages.", "Rents have risen 2.5 times faster than pay."),
    ],
)
def test_restatements_of_a_claim(claim, sentence):
    assert restates(claim, sentence)


@pytest.mark.parametrize(
    ("claim", "sentence"),
    [
        # Another value, or the figure missing.
        (AID, "The United States has spent $35 billion on aid to Ukraine."),
        (AID, "The United States has spent $350 million on aid to Ukraine."),
        (AID, "The United States has spent heavily on aid to Ukraine."),
        (INFLATION, "Inflation fell to 2.4 per cent in October."),
        # The figure, but too few of the claim's words: another subject.
        (AID, "The EU approved a $350 billion package for rebuilding roads."),
        (INFLATION, "Unemployment rose to 2.1 per cent in October."),
        # The words, but not in the claim's order.
        ("Ukraine started the war.", "The war in Ukraine started to weigh on prices."),
        ("Ukraine started the war.", "Ukraine has been at war since Russia started it."),
        # Little words and dates are not content.
        ("The ferry will leave at seven on Monday.", "The ferry will not leave on Monday at all."),
        ("Rents rose 2.5 times faster than wages.", "Rents rose 2 times faster than wages."),
    ],
)
def test_sentences_that_do_not_restate_a_claim(claim, sentence):
    assert not restates(claim, sentence)


def test_naming_the_claimant_is_evidence_of_a_restatement():
    claim = "Crime in the city has doubled since the new mayor took office."
    sentence = "Brenner told voters that crime in the city had doubled under the mayor."
    assert restates(claim, sentence, claimant="Hal Brenner")
    assert not restates(claim, sentence, claimant="Ada Quist")
    sentence = "Washington's aid to Ukraine totals 350 billion dollars, Trump says."
    assert restates(AID, sentence, claimant="Donald Trump")
    assert not restates(AID, sentence, claimant="Ada Quist")
    # With the claimant named and the figure there, the words may come in any order.
    claim = "Damage from Cyclone Mahlet is estimated at $2.3 billion."
    sentence = "Early estimates by the World Bank put the damage at $2.3bn."
    assert restates(claim, sentence, claimant="World Bank")
    assert not restates(claim, sentence, claimant="Ada Quist")
    # The claimant's words that the claim holds itself name nobody.
    claim = "The port handled 900 container ships in the busy season."
    assert restates(claim, "Pilots say the port saw 900 ships.", claimant="Port pilots")
    assert not restates(claim, "The port saw 900 ships.", claimant="Port pilots")


def test_an_alias_of_the_claimant_names_it_too():
    claim = "The port handled 900 container ships in the busy season."
    sentence = "According to the NHA, the port saw 900 ships."
    assert restates(claim, sentence, "Norhaven Harbour Authority", aliases=("NHA",))
    assert not restates(claim, sentence, "Norhaven Harbour Authority")
    assert not restates(claim, sentence, "Norhaven Harbour Authority", aliases=("NCA",))
    # An alias names the claimant in full, not by one of its words.
    sentence = "According to the board, the port saw 900 ships."
    assert not restates(claim, sentence, "Ada Quist", aliases=("Harbour Board",))
    assert restates(
        claim,
        "The harbour board says the port saw 900 ships.",
        "Ada Quist",
        aliases=("Harbour Board",),
    )


def test_a_claim_of_too_few_words_is_not_looked_for():
    assert restatement_of("It is wrong.", "") is None
    assert restatement_of("Ships are late.", "") is not None  # two words: with a name
    assert not restates("Ships are late.", "Ships are often late.")
    assert restates("Ships are late.", "Ships are late, the pilots say.", claimant="The pilots")


def test_a_text_without_enough_of_the_claim_s_words_or_its_figures_is_passed_over():
    restatement = restatement_of(AID, "Donald Trump")
    assert restatement is not None

    def possible(text: str) -> bool:
        return restatement.possible(TextProbe(fold(text)[0]))

    assert possible("Talks went on. The United States has spent $350bn on Ukraine.")
    assert not possible("Talks went on. The United States has spent $350m on Ukraine.")
    assert not possible("Talks went on. A $350 billion fund was set up.")


def test_south_asian_honorifics_never_end_a_sentence():
    assert sentences("Smt. Sailaja said the waiver was paid. It was.") == [
        "Smt. Sailaja said the waiver was paid.",
        "It was.",
    ]
