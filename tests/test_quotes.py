"""The quotes plugin finds quotations and says who spoke them.

Every case is a short article written for it. The cases are built together,
once, into one site where only the quotes plugin runs (``BRIEFGEN_PLUGINS``);
each test looks at the ``quote`` annotations of its own article. The tests
about entities bring a small entity plugin of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.testing import BuiltArticle, BuiltSite, build_site

FRONT = "---\ntitle: Test\ndate: 2025-03-01\n---\n\n"
#: slug -> article body; filled by ``case()`` as the module is read.
CASES: dict[str, str] = {}


def case(body: str) -> str:
    """Register an article for the shared site; returns its slug."""
    slug = f"case-{len(CASES)}"
    CASES[slug] = body
    return slug


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    files = {f"content/articles/{slug}.md": FRONT + body for slug, body in CASES.items()}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRIEFGEN_PLUGINS", "quotes")
        yield build_site(tmp_path_factory.mktemp("quotes"), files)


def found(site: BuiltSite, slug: str) -> list[tuple[str, str | None]]:
    """(quoted words, speaker) for every quotation of a case, in order."""
    return [(a.data["text"], a.data["speaker"]) for a in site.article(slug).of_kind("quote")]


def build(tmp_path: Path, body: str, **files: str) -> BuiltArticle:
    """A site of its own, for cases that need more than the article."""
    return build_site(tmp_path, {"content/articles/a.md": FRONT + body, **files}).article("a")


# ---------------------------------------------------------------- marks

MARKS = [
    case("“The bridge will reopen in May,” said Ana Ruiz."),
    case('"The bridge will reopen in May," said Ana Ruiz.'),
    case("« The bridge will reopen in May », said Ana Ruiz."),
    case("«The bridge will reopen in May», said Ana Ruiz."),
    case("„The bridge will reopen in May“, said Ana Ruiz."),
]


@pytest.mark.parametrize("slug", MARKS)
def test_every_kind_of_quotation_mark(site: BuiltSite, slug: str) -> None:
    assert found(site, slug) == [("The bridge will reopen in May", "Ana Ruiz")]


SPAN = case("Ruiz spoke first. “The bridge will reopen in May,” she said.")


def test_the_span_covers_the_quoted_words(site: BuiltSite) -> None:
    article = site.article(SPAN)
    (quote,) = article.of_kind("quote")
    assert article.exact(quote) == "The bridge will reopen in May,"
    assert quote.data["rule"] == "marks"


SPLIT = case("“The bridge will reopen in May,” said Ana Ruiz, “if the steel arrives on time.”")


def test_a_quotation_split_around_its_attribution_is_one(site: BuiltSite) -> None:
    article = site.article(SPLIT)
    (quote,) = article.of_kind("quote")
    assert article.exact(quote).startswith("The bridge")
    assert article.exact(quote).endswith("on time.")
    assert quote.data["text"] == "The bridge will reopen in May, if the steel arrives on time."
    assert (quote.data["rule"], quote.data["speaker"]) == ("split", "Ana Ruiz")


SECOND_SENTENCE = case("“We tried,” Ruiz said. “Nobody listened.”")


def test_a_second_sentence_after_the_attribution_joins_the_quotation(site: BuiltSite) -> None:
    assert found(site, SECOND_SENTENCE) == [("We tried. Nobody listened.", "Ruiz")]


MULTI = case(
    "Ana Ruiz read the union's statement:\n\n"
    "“We asked for one thing. We asked for an inspection.\n\n"
    "“We were offered a press release instead.\n\n"
    "“We are still waiting.”\n\n"
    "The port did not answer."
)


def test_a_quotation_over_several_paragraphs_is_one(site: BuiltSite) -> None:
    article = site.article(MULTI)
    (quote,) = article.of_kind("quote")
    assert quote.data["rule"] == "multi-paragraph"
    assert article.exact(quote).startswith("We asked for one thing")
    assert article.exact(quote).endswith("still waiting.")
    assert quote.data["speaker"] == "Ana Ruiz"
    # Three paragraphs carry the quotation; the anchor is on the first only.
    assert article.body_html.count('class="quote"') == 3
    assert article.body_html.count(f'id="{quote.id}"') == 1


TWO_QUOTES = case(
    "The minister said the plan was “unworkable.\n\n“We will not sign it,” said Lea Moro."
)


def test_two_attributed_quotations_in_a_row_stay_two(site: BuiltSite) -> None:
    assert [speaker for _, speaker in found(site, TWO_QUOTES)] == ["The minister", "Lea Moro"]


# ---------------------------------------------------------------- attribution

ATTRIBUTIONS = [
    (case("Ana Ruiz said: “The bridge will reopen.”"), "Ana Ruiz", None),
    (case("Ana Ruiz told reporters on Monday: “The bridge will reopen.”"), "Ana Ruiz", None),
    (case("“The bridge will reopen,” Ana Ruiz said."), "Ana Ruiz", None),
    (case("“The bridge will reopen,” said Ana Ruiz."), "Ana Ruiz", None),
    (case("“The bridge will reopen,” Ruiz told reporters in Estby."), "Ruiz", None),
    (
        case("“The bridge will reopen,” said port spokeswoman Ana Ruiz."),
        "Ana Ruiz",
        "port spokeswoman",
    ),
    (case("“The bridge will reopen,” Mayor Tomas Elling said."), "Tomas Elling", "Mayor"),
    (
        case("“The bridge will reopen,” said Tomas Elling, the mayor of Norhaven."),
        "Tomas Elling",
        "the mayor of Norhaven",
    ),
    (
        case(
            "The mayor of Norhaven, Tomas Elling, said the bridge would open "
            "“in May at the latest.”"
        ),
        "Tomas Elling",
        "mayor of Norhaven",
    ),
    (
        case("“The bridge will reopen,” according to Secretary of Transport Lea Moro."),
        "Lea Moro",
        "Secretary of Transport",
    ),
    (case("“The bridge will reopen,” the ministry said in a statement."), "the ministry", None),
    (
        case("“The bridge will reopen,” the ministry's spokeswoman said."),
        "the ministry's spokeswoman",
        None,
    ),
    (
        case("“The bridge will reopen,” the company’s chief executive told reporters."),
        "the company’s chief executive",
        None,
    ),
    (case("Moro wrote that the bridge would reopen “as soon as it is safe.”"), "Moro", None),
    (case("“Enough is enough!” shouted one protester outside the gates."), "one protester", None),
    (case("“Unbelievable,” one volunteer shouted as the result came."), "one volunteer", None),
    (case("“I do not know,” Smith, 54, said."), "Smith", None),
    # An age, then a description: the name comes before both.
    (
        case("Kim Dale, 46, a former nurse, told supporters they had “chosen hope.”"),
        "Kim Dale",
        "a former nurse",
    ),
    # A name or role the source wraps over two lines is one name.
    (
        case("“A cut would be a surprise,” according to Lena\nMoritz, an economist."),
        "Lena Moritz",
        None,
    ),
    (case("“Rates stay,” Van der Berg told reporters."), "Van der Berg", None),
    # A role word after the verb, a relative clause, "according to" before.
    (case("“I would want one,” said Redford boss Neil Hart."), "Neil Hart", "Redford boss"),
    (
        case("The plan came from Kay Dunn, who said the aid “will reach farmers in May.”"),
        "Kay Dunn",
        None,
    ),
    (case("Payments would come, according to Kay Dunn, “in the month of June.”"), "Kay Dunn", None),
    (case("The authors said the benefit was “far smaller” in older people."), "The authors", None),
    (case("Kay Dunn pointed out that the plan is “a patch” at best."), "Kay Dunn", None),
    (case("Kay Dunn considered that the figure is “smoke” and nothing more."), "Kay Dunn", None),
    # A dash that closes a parenthesis is no part of the role.
    (
        case("—Nobody has asked us about the aid —lamented Kay Dunn, head of the growers—."),
        "Kay Dunn",
        "head of the growers",
    ),
    (case("“Account for the money,” said Sri Kay Dunn."), "Kay Dunn", None),
    # An auxiliary before an inverted verb; a name with an Italian particle.
    (case("«The slope is moving», has affirmed Kay Dunn, geologist."), "Kay Dunn", None),
    (
        case("«The slope is moving», has explained Ottavio della Torre."),
        "Ottavio della Torre",
        None,
    ),
    # A name inside a phrase set off after the subject is not the subject.
    (
        case(
            "Governor Kay Dunn, in a statement signed by his press secretary, Mr. Jun "
            "Park, described the suspension as “an internal affair of the house”."
        ),
        "Kay Dunn",
        "Governor",
    ),
    # An inverted "told" with a listener noun, then an age before the name.
    (
        case("“I have nowhere to go,” – told journalists the 67-year-old Kay Dunn from Ostrava."),
        "Kay Dunn",
        None,
    ),
    # An impersonal verb and where it was said, as machine translation writes it.
    (
        case(
            "Kay Dunn spoke first.\n\n«Every strike is documented», – stressed in the "
            "prosecutor's office."
        ),
        "the prosecutor's office",
        None,
    ),
    (
        case("The bridge on the ring road is closed, – informed in the regional police."),
        "the regional police",
        None,
    ),
    # "informed" and "reported" after a quotation, as translated copy writes them.
    (case("«Two civilians died in the strike», – informed Kay Dunn."), "Kay Dunn", None),
    (case("«The shelling went on all night», – reported Kay Dunn."), "Kay Dunn", None),
    # Calques of translated copy: "highlighted", "evaluated", "vented".
    (case("Jun Park spoke. “We lost the ball too often,” highlighted Kay Dunn."), "Kay Dunn", None),
    (case("Jun Park spoke. “A draw was fair,” evaluated Kay Dunn."), "Kay Dunn", None),
    # "testified", as trial copy writes it.
    (case("“I heard two pops,” Kay Dunn testified."), "Kay Dunn", None),
    # Someone described, then where they are.
    (
        case("A man in the back row shouted “liar” as Kay Dunn spoke."),
        "A man in the back row",
        None,
    ),
    # A participle's clause between commas, with a name in it, is no speaker.
    (
        case(
            "Kay Dunn said the city waited too long.\n\nThe memo, written by Jun Park, "
            "warned that it “will require more officers”."
        ),
        "The memo",
        None,
    ),
    # The bare form of a verb of speech after a plural subject.
    (
        case("The researchers estimate that the risk falls by “a quarter or more”."),
        "The researchers",
        None,
    ),
    # A description of words the lists do not know before a colon.
    (case("The robot says: “Sorry, I will go around you.”"), "The robot", None),
    # An indefinite description with a capitalised word, after the verb.
    (
        case("Kay Dunn rose.\n\n“Answer the question!” shouted a Tory backbencher."),
        "a Tory backbencher",
        None,
    ),
    (
        case("Kay Dunn rose.\n\n“It is over,” said a senior Green source, laughing."),
        "a senior Green source",
        None,
    ),
    # A description that goes on to a place, then the name with or without a comma.
    (
        case("“We go on,” said the head of the Ostrava city administration, Kay Dunn."),
        "Kay Dunn",
        "head of the Ostrava city administration",
    ),
    (
        case("“We go on,” said the head of the city military administration Kay Dunn."),
        "Kay Dunn",
        "head of the city military administration",
    ),
    # ... or through words a role may hold ("regional", "military") to its head.
    (
        case("“We go on,” said the head of the regional military administration Kay Dunn."),
        "Kay Dunn",
        "head of the regional military administration",
    ),
    (
        case("The school lost its roof, informed the head of the regional state administration."),
        "the head of the regional state administration",
        None,
    ),
    (case("“We go on,” said the head of the city council in New York."), "the head", None),
    # A role word opening the phrase, capitalised, before a name of two words.
    (case("Resident Kay Dunn said: “The water came in at night.”"), "Kay Dunn", "Resident"),
    (case("“We waited for hours,” said Passenger Kay Dunn."), "Kay Dunn", "Passenger"),
    (case("Kay Dunn KC told the court the money was “never his”."), "Kay Dunn", None),
    # The name between the commas of a "whose" clause.
    (
        case("The union met, whose president, Kay Dunn, denounced « a hostage-taking »."),
        "Kay Dunn",
        "president",
    ),
    # A participle's clause between the commas.
    (
        case("Kay Dunn, questioned on Tuesday in the assembly, said that « talks must resume »."),
        "Kay Dunn",
        None,
    ),
    # A US party and state is no name and no role.
    (case("Sen. Kay Dunn, R-Texas, said the bill was “a serious attempt.”"), "Kay Dunn", "Sen."),
    (case("Sen. Kay Dunn (D-N.M.) called the bill “a wish list.”"), "Kay Dunn", "Sen."),
    (
        case("Rep. Kay Dunn, D-Calif., who chairs the caucus, said it would “pour money away.”"),
        "Kay Dunn",
        "Rep.",
    ),
    (case("“We will block it,” said Sen. Kay Dunn, R-Texas."), "Kay Dunn", "Sen."),
    # A description that goes on after "of", then the name after a comma.
    (
        case("“It is tense,” said the deputy head of the mission, Henrik Sandvik."),
        "Henrik Sandvik",
        "deputy head of the mission",
    ),
    (
        case("“We will vote no,” said the spokesperson of the Greens, Eva Dolezal."),
        "Eva Dolezal",
        "spokesperson of the Greens",
    ),
    (case("Lea Moro spoke of “a quiet week” at the port."), "Lea Moro", None),
    (case("Lea Moro referred to “a systematic campaign” in her speech."), "Lea Moro", None),
    # Whom a speaker told is never the speaker.
    (case("“Someone paid,” the director, Fay Moss, told the BBC."), "Fay Moss", "director"),
    (case("“Someone paid,” Fay Moss told the Herald."), "Fay Moss", None),
    # A possessive pronoun opens a role as a determiner does.
    (case("His barrister, Fay Moss, said he was “not dishonest.”"), "Fay Moss", "barrister"),
    # A role never ends in the words that lead to its organisation.
    (
        case("“The case is active,” said a spokesperson for the Fraud Office."),
        "Fraud Office",
        "spokesperson",
    ),
    (case("“We are managing the risk,” said Brig. Gen. Pat Ryder."), "Pat Ryder", "Brig. Gen."),
    (case("Det. Supt. Ann Lowe said the search was “far from over.”"), "Ann Lowe", "Det. Supt."),
    # An acronym ends its sentence: "DET." is no title, unlike "Det.".
    (case("Lowe wrote to the DET. Moro warned: “Every delay costs us a season.”"), "Moro", None),
    (
        case("A port spokesman, Brig. Gen. Pat Ryder, said the quay was “managing the risk.”"),
        "Pat Ryder",
        "port spokesman",
    ),
    # A title written in capitals before the name between the commas is a
    # rank too: the name speaks, whichever side of the verb it is on.
    (
        case("“We will not sign,” the head of the league, Sheikh Omar Haddad, said."),
        "Omar Haddad",
        "head of the league",
    ),
    (
        case("“The road is open,” said the army chief, General Ines Baro, on Monday."),
        "Ines Baro",
        "army chief",
    ),
    # The verb before its subject, then a colon, as copy translated from a
    # language that puts the verb second writes it: the words after an
    # opening preposition are never the subject.
    (case("Against the broadcaster said Ines Baro: “We will not wait.”"), "Ines Baro", None),
    (case("In the Harbour Hall said Ines Baro: “We will not wait.”"), "Ines Baro", None),
    (case("Said the harbour master: “Nobody sails tonight.”"), "the harbour master", None),
    (
        case("To the broadcaster Harbour TV said sporting director Ines Baro: „No crisis here.“"),
        "Ines Baro",
        "sporting director",
    ),
    (case("At the quay the harbour master said: “Nobody sails.”"), "the harbour master", None),
    # "the president of the Region": what the title is of is no name; a
    # spokesperson, though, speaks for it.
    (
        case("«The hospital will open in May», declared the president of the Region."),
        "the president of the Region",
        None,
    ),
    (
        case(
            "– We will not go to elections with this register, hammered the president of the FAD."
        ),
        "the president of the FAD",
        None,
    ),
    (
        case("“We will vote no,” said the spokesperson of the Greens."),
        "Greens",
        "spokesperson",
    ),
    # A portfolio runs to its last word: "Affairs" is no name.
    (
        case("“Prices will fall,” the Minister of Social Solidarity said."),
        "the Minister of Social Solidarity",
        None,
    ),
    (
        case("“The polls will open,” said the Minister of Foreign Affairs, Seydou Kane."),
        "Seydou Kane",
        "Minister of Foreign Affairs",
    ),
    (
        case("“The polls will open,” declared the Minister of Public Works."),
        "the Minister of Public Works",
        None,
    ),
    # "according to" a title and a name before the quotation: the name.
    (
        case("According to the port spokesman, Jun Park, “the quay stays shut”."),
        "Jun Park",
        "port spokesman",
    ),
    (case("According to the report, Norhaven, “the quay stays shut”."), "the report", None),
    # A verb of speech followed by "by" and who did it is a participle: what
    # stands before it is no subject ("the crates declared by shippers").
    (
        case("Ines Baro admitted that the port “did not count” the crates declared by shippers."),
        "Ines Baro",
        None,
    ),
    (case("“We are safe,” the mayor said by the river."), "the mayor", None),
    # A role with its determiner and a name between the commas: the name speaks.
    (
        case("Her daughter, the cellist Lea Moro, described her as “the kindest teacher”."),
        "Lea Moro",
        "daughter",
    ),
    (
        case("The mayor, a former teacher, said the school would “stay open for good”."),
        "The mayor",
        "a former teacher",
    ),
    # More words for people: an academic speaks, magistrates are a group.
    (
        case(
            "– The government has lost the centre ground and it knows it – explained the academic."
        ),
        "the academic",
        None,
    ),
    (case("He was told by magistrates he was “very lucky” to avoid jail."), "magistrates", None),
    # After an inverted verb, an organisation's description the phrase
    # reading cuts short speaks whole; so does an organisation named by its
    # head and "of" after an impersonal verb.
    (
        case(
            "The town was shelled twelve times overnight, "
            "informed the regional military administration."
        ),
        "the regional military administration",
        None,
    ),
    (
        case("«The works will be finished by October», – informed in the akimat of Akzhar region."),
        "the akimat of Akzhar region",
        None,
    ),
    # An adverb between the subject and its verb is no part of the subject.
    (
        case("The premier nevertheless acknowledged the deal was “far from perfect”."),
        "The premier",
        None,
    ),
    (case("Ines Baro quietly conceded the plan was “a long shot”."), "Ines Baro", None),
    (case("The Vance family said the plan was “a long shot”."), "The Vance family", None),
    # Hearsay before the verb: "is understood to have told".
    (
        case("Ines Baro is understood to have told the board the deal was “dead in the water”."),
        "Ines Baro",
        None,
    ),
    # A relative clause with no commas between the subject and its verb.
    (
        case("A neighbour who asked not to be named told us she heard “three loud bangs”."),
        "A neighbour",
        None,
    ),
    # A verb after "will" or "to" is something to be done, not said.
    (
        case("Ines Baro affirmed that the council will consider the plan “with an open mind”."),
        "Ines Baro",
        None,
    ),
    # A title with "co-" is a title.
    (
        case("Harbour Party co-spokesperson Lea Moro was harsher. “It is a farce,” she said."),
        "Lea Moro",
        "Harbour Party co-spokesperson",
    ),
    # A word for a person right before the name between commas: a role.
    (
        case("Her best friend, presenter Mo Okafor, blasted the deal as “grubby”."),
        "Mo Okafor",
        "best friend",
    ),
    # A name and where the person is from between commas: the name speaks.
    (
        case("Her lawyer, Ines Baro of the law firm Kestrel, told reporters it was “unjust”."),
        "Ines Baro",
        "lawyer",
    ),
    (
        case("Harbour Growers Bay of Plenty president Jun Park said it had “many fathers”."),
        "Jun Park",
        "Harbour Growers Bay of Plenty president",
    ),
    # "&" joins the words of a firm's name; "and" still lists speakers.
    (case("“A triumph,” said Kestrel & Finch."), "Kestrel & Finch", None),
    (
        case("Her publisher, Kestrel & Finch, said the book was “a triumph”."),
        "Kestrel & Finch",
        "publisher",
    ),
    # A name that ends in a plus speaks as written.
    (case("“We have the rights until 2030,” Canal+ said."), "Canal+", None),
    # A role in capitals between the commas stays a role.
    (
        case("Ines Baro, Secretary of the Harbour Party Committee, stressed: “We must act.”"),
        "Ines Baro",
        "Secretary of the Harbour Party Committee",
    ),
    (
        case("“No,” Ines Baro, Deputy Minister of Finance, said."),
        "Ines Baro",
        "Deputy Minister of Finance",
    ),
]


@pytest.mark.parametrize(("slug", "speaker", "role"), ATTRIBUTIONS)
def test_attribution_before_after_with_roles(
    site: BuiltSite, slug: str, speaker: str, role: str | None
) -> None:
    (quote,) = site.article(slug).of_kind("quote")
    assert (quote.data["speaker"], quote.data["role"]) == (speaker, role)


VERBS = [
    case(f"“The budget is balanced,” Lea Moro {verb}.")
    for verb in (
        "added", "warned", "insisted", "argued", "explained", "replied", "tweeted", "posted",
        "claimed", "stated", "declared", "noted", "wrote", "says", "asked", "told the council",
    )
]  # fmt: skip


@pytest.mark.parametrize("slug", VERBS)
def test_common_speech_verbs(site: BuiltSite, slug: str) -> None:
    assert found(site, slug) == [("The budget is balanced", "Lea Moro")]


PRONOUNS = case(
    "Lea Moro said the budget was balanced. Jun Park disagreed.\n\n"
    "“There is a hole of two million,” he said.\n\n"
    "“The numbers are public,” she replied."
)


def test_a_pronoun_is_the_last_named_speaker(site: BuiltSite) -> None:
    assert found(site, PRONOUNS) == [
        ("There is a hole of two million", "Jun Park"),
        ("The numbers are public", "Lea Moro"),
    ]


OPENERS = case(
    "“The budget is balanced,” Lea Moro said.\n\n"
    "A veteran of many budget rounds, Jun Park was blunt. “There is a hole of two "
    "million,” he said.\n\n"
    "“The numbers are public,” Lea Moro said.\n\n"
    "Born in Norhaven in 1961, the son of a docker, Jun Park — never one for small talk — "
    "left the hall early. “We will see in May,” he said."
)


AGED_SUBJECTS = case(
    "“The budget is balanced,” Lea Moro said.\n\n"
    "Jun Park, 31, passed a thousand runs this season. “Play it again,” he said.\n\n"
    "“The pitch was fine,” Lea Moro said.\n\n"
    "Port director of operations Jun Park was less generous. “It was not,” he said.\n\n"
    "“The pitch was fine,” Lea Moro said.\n\n"
    "Park, 31, passed a thousand runs. He said he would “play it again tomorrow”.\n\n"
    "Lea Moro asked why Jun Park had first told police it was late. “I was in shock,” he said."
    "\n\nNot everyone was stuck. Tom, 41, a tester from the coast, had cycled in. “It was "
    "lovely,” he said."
)


def test_a_pronoun_is_a_subject_with_an_age_or_a_role_of_unknown_words(
    site: BuiltSite,
) -> None:
    """ "Jun Park, 31, passed …" and "Port director of operations Jun Park
    was …" open their sentences with Jun Park (the age is no name)."""
    assert found(site, AGED_SUBJECTS) == [
        ("The budget is balanced", "Lea Moro"),
        ("Play it again", "Jun Park"),
        ("The pitch was fine", "Lea Moro"),
        ("It was not", "Jun Park"),
        ("The pitch was fine", "Lea Moro"),
        ("play it again tomorrow", "Jun Park"),
        ("I was in shock", "Jun Park"),
        ("It was lovely", "Tom"),
    ]


NO_NUMBER_SPEAKS = case(
    "“We are ready,” Lea Moro said.\n\n"
    "Off stage, the singer of the band is Ann Tate, 29, a former carer. “The stage name "
    "can stand in front of crowds,” she says."
)


def test_an_age_is_never_a_speaker(site: BuiltSite) -> None:
    assert "29" not in [speaker for _, speaker in found(site, NO_NUMBER_SPEAKS)]


def test_a_pronoun_is_the_subject_after_an_opening_phrase(site: BuiltSite) -> None:
    """The sentence's subject is found past a phrase or two set off by
    commas at its start, and past an aside between dashes."""
    assert found(site, OPENERS) == [
        ("The budget is balanced", "Lea Moro"),
        ("There is a hole of two million", "Jun Park"),
        ("The numbers are public", "Lea Moro"),
        ("We will see in May", "Jun Park"),
    ]


THEY = case(
    "“Revenue will grow,” Lea Moro said.\n\n"
    "Analysts at the port bank raised their forecast. In a note, they wrote that the "
    "quay was “the best bet on the coast.”\n\n"
    "Dockers gathered at the gate on Monday. “Nobody asked us,” said Jun Park.\n\n"
    "“The quay stays open,” Lea Moro said. Negotiators from the port are due to meet "
    "again on Monday. “The numbers do not add up.”\n\n"
    "“Traffic is up,” the ministry said. Analysts at the bank expect more. "
    "“The quay is full,” it added."
)


EMBEDDED = case(
    "Jun Park told jurors they would see emails in which Kay Dunn asked a clerk to "
    "“tidy up” the accounts.\n\n"
    "“Tidy up meant invent,” he said.\n\n"
    "Lea Moro said the talks failed, and Sam Hale said they would resume.\n\n"
    "“We will see,” he said.\n\n"
    "Lea Moro said it was late. Jun Park, who chairs the board, said no.\n\n"
    "“We will wait,” he said."
)


def test_a_pronoun_stands_for_the_main_clause_speaker_before_an_inner_one(
    site: BuiltSite,
) -> None:
    """A verb of speech in a clause a relative word opens ("in which Kay
    Dunn asked") is not who a later pronoun stands for when the sentence's
    main speaker can be; two joined clauses are both main ones."""
    assert found(site, EMBEDDED) == [
        ("tidy up", "Kay Dunn"),
        ("Tidy up meant invent", "Jun Park"),
        ("We will see", "Sam Hale"),
        ("We will wait", "Jun Park"),
    ]


PASSIVE = case(
    "Lea Moro was accused of presiding over a “managed retreat” from the coast.\n\n"
    "Kay Dunn was accused by Jun Park of running a “shadow budget” for years.\n\n"
    "The plan was described as “a disgrace” by Sam Hale.\n\n"
    "Tom Reid said his team raised the alarm but was told the matter had been "
    "“resolved internally.”"
)


def test_a_passive_verb_s_subject_is_not_its_speaker(site: BuiltSite) -> None:
    """ "X was accused of …": X is whom the words are about; the speaker is
    whoever follows "by", or nobody (and a scare quote of nobody's goes);
    with no "by", an earlier verb of the sentence may say whose the words
    are ("Tom Reid said … but was told …")."""
    assert found(site, PASSIVE) == [
        ("shadow budget", "Jun Park"),
        ("a disgrace", "Sam Hale"),
        ("resolved internally.", "Tom Reid"),
    ]


TOLD_TO = case(
    "“I was nervous,” said Kay Dunn. “Jun told us to relax and enjoy it, and for once I listened.”"
)


def test_a_quotation_may_open_with_someone_telling_someone_to_do_something(
    site: BuiltSite,
) -> None:
    """ "“Jun told us to relax …" opens a quotation: "told us to" is an
    instruction, not an attribution the mark stands before."""
    assert found(site, TOLD_TO) == [
        ("I was nervous. Jun told us to relax and enjoy it, and for once I listened.", "Kay Dunn")
    ]


SUBJECT_BEFORE_A_COLON = case(
    "Jun Park gave evidence on Monday.\n\n"
    "The chair, Kay Dunn, intervened: “Mr Park, did anyone tell you the work was unfunded?”\n\n"
    "Jo Hart cut in: “That is not what the minutes say.”\n\n"
    "Prices rose again: “a winter like no other”.\n\n"
    "The union walked out, describing the offer as “an insult to every member”."
)


def test_the_subject_before_a_colon_speaks_the_quotation_after_it(site: BuiltSite) -> None:
    """ "The chair, Kay Dunn, intervened: “…”": a name (or a description
    with a title) that does something in a few words before a colon opens
    the quotation after it, verb of speech or not; a capitalised word
    opening a sentence is no name ("Prices rose again:"); "describing … as"
    is a verb of speech of the sentence's subject."""
    assert found(site, SUBJECT_BEFORE_A_COLON) == [
        ("Mr Park, did anyone tell you the work was unfunded?", "Kay Dunn"),
        ("That is not what the minutes say.", "Jo Hart"),
        ("an insult to every member", "The union"),
    ]


THEN_AND_DATED = case(
    "“The dam can stand for another two years,” the then chief executive, Kay Dunn, said.\n\n"
    "A letter from Jun Park, dated 9 November and seen by the inquiry, said the spillway "
    "was “at material risk of failure”."
)


def test_the_then_holder_of_a_role_and_a_dated_letter_speak(site: BuiltSite) -> None:
    """ "the then chief executive, Kay Dunn,": "then" belongs to the role as
    "former" does; "…, dated 9 November …," is a participle's clause (of
    five letters), no end of the subject."""
    assert found(site, THEN_AND_DATED) == [
        ("The dam can stand for another two years", "Kay Dunn"),
        ("at material risk of failure", "A letter from Jun Park"),
    ]


ROLE_AT_A_LONG_NAME = case(
    "“We are tired of the cuts,” Jun Park said.\n\n"
    "An economist at the Institute for Fiscal Accountability (IFA), Dr Kay Dunn, said the "
    "bailout would add to the debt.\n\n"
    "“Bailouts treat the symptom, not the disease,” she said."
)


def test_a_role_at_an_organisation_with_connectors_ends_before_the_name(
    site: BuiltSite,
) -> None:
    """ "An economist at the Institute for Fiscal Accountability (IFA), Dr
    Kay Dunn, said": the role runs over "at" and the organisation's own
    "for" to the name between commas, who speaks (and "she" after)."""
    assert found(site, ROLE_AT_A_LONG_NAME) == [
        ("We are tired of the cuts", "Jun Park"),
        ("Bailouts treat the symptom, not the disease", "Kay Dunn"),
    ]
    roles = [a.data["role"] for a in site.article(ROLE_AT_A_LONG_NAME).of_kind("quote")]
    assert roles[1] == "economist at the Institute for Fiscal Accountability (IFA)"


PARTY_IN_A_ROLE = case(
    "The mayor (LCP) of Saint-Aubin, Kay Dunn, said the dike “must be raised this year”."
)


def test_a_party_in_brackets_inside_a_role_is_read_past(site: BuiltSite) -> None:
    """ "The mayor (LCP) of Saint-Aubin, Kay Dunn, said": a party in
    brackets inside the role does not end it; the name speaks."""
    assert found(site, PARTY_IN_A_ROLE) == [("must be raised this year", "Kay Dunn")]


ANSWER_TO_A_QUESTION = case(
    "Jun Park gave evidence on Monday.\n\n"
    "“Did anyone tell you the work was unfunded?” Kay Dunn asked.\n\n"
    "“Not in writing,” he replied.\n\n"
    "“We will appeal,” Tom Reid said. “Nobody told me,” he added."
)


def test_whoever_answers_a_question_is_not_who_asked_it(site: BuiltSite) -> None:
    """ "“…?” Kay Dunn asked. “…,” he replied": an answer's pronoun stands
    for the last speaker but the one who asked; other verbs keep the last
    speaker ("he added")."""
    assert found(site, ANSWER_TO_A_QUESTION) == [
        ("Did anyone tell you the work was unfunded?", "Kay Dunn"),
        ("Not in writing", "Jun Park"),
        ("We will appeal", "Tom Reid"),
        ("Nobody told me", "Tom Reid"),
    ]


DIALOGUE_DASH = case(
    "Kay Dunn rejects the criticism.\n\n"
    "– The diesel ferries are over thirty years old, and several broke down this winter. "
    "To keep them would have been the expensive solution, she says.\n\n"
    "— I saw the replay five times. There is no offside — said the coach, Jun Park."
)


def test_a_paragraph_opening_with_a_dash_is_speech_to_its_attribution(
    site: BuiltSite,
) -> None:
    """Scandinavian, Portuguese and Spanish copy opens speech with a dash:
    the whole paragraph up to the attribution is the quotation, not only its
    first-person sentences."""
    assert found(site, DIALOGUE_DASH) == [
        (
            "The diesel ferries are over thirty years old, and several broke down this "
            "winter. To keep them would have been the expensive solution",
            "Kay Dunn",
        ),
        ("I saw the replay five times. There is no offside", "Jun Park"),
    ]


THOUSANDS_IN_A_SUBJECT = case(
    "“We will not lift the limits before the lake recovers,” Kay Dunn said.\n\n"
    "The 86,000 residents of the valley have lived with the limits since March. "
    "“Nobody wants this to end more than we do,” she said."
)


def test_a_number_with_thousands_set_apart_is_no_speaker(site: BuiltSite) -> None:
    """ "The 86,000 residents": the comma in a number ends nothing, and a
    number is no name ("86" was the speaker of the next "she")."""
    assert found(site, THOUSANDS_IN_A_SUBJECT) == [
        ("We will not lift the limits before the lake recovers", "Kay Dunn"),
        ("Nobody wants this to end more than we do", "Kay Dunn"),
    ]


OBJECT_AFTER_THE_VERB = case(
    "A member of the harbour board, Lea Moro, denied the allegations.\n\n"
    "The city's mayor, Jun Park, announced a new parking plan for the old town.\n\n"
    "The quay will reopen in May, confirmed the harbour master.\n\n"
    "The mining sector holds most of the conflicts in the country, indicated the entity.\n\n"
    "The union's general secretary, Tom Reid, wrote a letter to the minister on Monday."
)


def test_what_a_verb_of_speech_acts_on_is_no_inverted_speaker(site: BuiltSite) -> None:
    """ "…, denied the allegations.": a phrase after the verb that names no
    one who could speak (no name, title, role, group, document, body or
    word for a person) is its object; the sentence is no reported speech."""
    assert found(site, OBJECT_AFTER_THE_VERB) == [
        ("The quay will reopen in May", "the harbour master"),
        ("The mining sector holds most of the conflicts in the country", "the entity"),
    ]


ASKED_TO = case(
    "A member of the harbour board, Lea Moro, urged the council to publish the figures.\n\n"
    "A lawyer for the port, Jun Park, asked the court not to hear the case before May.\n\n"
    "The port will reopen in May, said Kay Dunn, the harbour master."
)


def test_whom_a_verb_asks_to_do_something_is_no_inverted_speaker(site: BuiltSite) -> None:
    """ "…, urged the council to publish …": the council is whom she urged,
    the sentence is no reported speech ending in an attribution."""
    assert found(site, ASKED_TO) == [("The port will reopen in May", "Kay Dunn")]


RELATIVE_THEY = case(
    "Admissions fell by a quarter, the researchers wrote, a result they described as "
    "“clinically meaningful.”"
)


def test_a_subject_pronoun_after_a_noun_opens_a_relative_clause(site: BuiltSite) -> None:
    """ "a result they described as …": "they" is the verb's subject."""
    assert found(site, RELATIVE_THEY) == [("clinically meaningful.", "the researchers")]


def test_they_is_the_group_that_opened_a_recent_sentence(site: BuiltSite) -> None:
    """A group opening a sentence stands for a later "they", and for
    nothing else: not "it", and no speaker of a quotation nobody attributes."""
    article = site.article(THEY)
    assert [q.data["speaker"] for q in article.of_kind("quote")] == [
        "Lea Moro",
        "Analysts at the port bank",
        "Jun Park",
        "Lea Moro",
        "Lea Moro",
        "the ministry",
        "the ministry",
    ]


DESCRIBED_IT = case(
    "“Traffic is up,” the port authority said. “The quay is full,” it added.\n\n"
    "The river board said on Monday that the dam was safe. “We check it daily,” it said."
)


def test_it_is_the_whole_description_that_spoke(site: BuiltSite) -> None:
    """Words the lists do not know between a determiner and a common word
    are part of a description ("the port authority"), for "it" too."""
    assert [q.data["speaker"] for q in site.article(DESCRIBED_IT).of_kind("quote")] == [
        "the port authority",
        "the port authority",
        "The river board",
    ]


DESCRIBED_SPEAKERS = case(
    "Jun Park said the board would meet on Thursday.\n\n"
    "One driver said she had not wanted to strike. “Something has to give.”\n\n"
    "“We are ready,” Kay Dunn said. The agency has been criticised before for its delays. "
    "“The numbers do not add up.”\n\n"
    "At the depot, one cleaner, who asked not to be named, said the shifts were long. "
    "“Nobody from the company listens to us.”\n\n"
    "“We are ready,” Kay Dunn said. The board will carry out the checks it promised. "
    "“We will publish every figure.”"
)


def test_a_described_speaker_opening_a_clause_speaks_on(site: BuiltSite) -> None:
    """ "One driver said …" makes one driver the speaker of the quotation
    nobody attributes after it; the subject of a passive verb does not, nor
    a description inside a clause ("carry out the checks it promised")."""
    assert found(site, DESCRIBED_SPEAKERS) == [
        ("Something has to give.", "One driver"),
        ("We are ready", "Kay Dunn"),
        ("The numbers do not add up.", "Kay Dunn"),
        ("Nobody from the company listens to us.", "one cleaner"),
        ("We are ready", "Kay Dunn"),
        ("We will publish every figure.", "Kay Dunn"),
    ]


NEWSPAPERS_IN = case(
    "“We are ready,” Kay Dunn said.\n\n"
    "Local newspapers in Ostrava reported long queues. “The numbers do not add up.”"
)


def test_a_place_after_in_is_no_subject_of_its_own(site: BuiltSite) -> None:
    """ "Local newspapers in Ostrava reported": Ostrava is where, not who, so
    the quotation nobody attributes goes to the last speaker."""
    assert found(site, NEWSPAPERS_IN) == [
        ("We are ready", "Kay Dunn"),
        ("The numbers do not add up.", "Kay Dunn"),
    ]


IN_A_PLACE = case(
    "Officials in Ostrava said the talks were “useful.”\n\n"
    "“It is calm,” police in Ostrava said.\n\n"
    "“We will respond,” Ostrava said."
)


def test_a_group_in_a_place_is_no_full_name_of_the_place(site: BuiltSite) -> None:
    assert found(site, IN_A_PLACE) == [
        ("useful.", "Officials in Ostrava"),
        ("It is calm", "police in Ostrava"),
        ("We will respond", "Ostrava"),
    ]


TIME_BEFORE_VERB = case(
    "Norhaven on Tuesday accused the port of “dumping” grain.\n\n"
    "Kay Dunn late on Monday said the checks were “overdue”.\n\n"
    "Jun Park earlier this week called the plan “reckless”.\n\n"
    "Lea Moro Thursday night told the board its figures were “wrong”."
)


def test_a_time_between_subject_and_verb_keeps_the_subject(site: BuiltSite) -> None:
    """ "China on Tuesday accused …": the subject is read past a time
    phrase, so a quoted word in the sentence has its speaker."""
    assert found(site, TIME_BEFORE_VERB) == [
        ("dumping", "Norhaven"),
        ("overdue", "Kay Dunn"),
        ("reckless", "Jun Park"),
        ("wrong", "Lea Moro"),
    ]


KNOWING_SOURCES = case(
    "A source close to the couple told reporters: “They have not spoken for weeks.”\n\n"
    "“Nothing is signed,” said a person familiar with the talks.\n\n"
    "“It could be Friday,” an official with direct knowledge of the plan said.\n\n"
    "A friend close to the mayor said the couple were “devastated”."
)


def test_a_source_close_to_someone_speaks_not_whom_they_know(site: BuiltSite) -> None:
    """ "A source close to the couple told", "a person familiar with the
    talks said": the description speaks as a whole, not its object."""
    assert found(site, KNOWING_SOURCES) == [
        ("They have not spoken for weeks.", "A source close to the couple"),
        ("Nothing is signed", "a person familiar with the talks"),
        ("It could be Friday", "an official with direct knowledge of the plan"),
        ("devastated", "A friend close to the mayor"),
    ]


BY_PHONE = case(
    "Kay Dunn spoke first. “The ward is full,” Jun Park said by phone.\n\n"
    "“We have no fuel,” Lea Moro told reporters by satellite phone. “None at all.”"
)


def test_how_someone_spoke_ends_the_attribution(site: BuiltSite) -> None:
    """ "said by phone", "told reporters by satellite phone": how they spoke,
    not who spoke; the attribution holds and a split quotation stays one."""
    assert found(site, BY_PHONE) == [
        ("The ward is full", "Jun Park"),
        ("We have no fuel. None at all.", "Lea Moro"),
    ]


CONJUNCTION_OPENER = case(
    "But Velmar’s lawyer, Kay Dunn, said the firm had “paid every penny”.\n\n"
    "And Norhaven's mayor, Jun Park, said the deal was “dead”."
)


def test_a_conjunction_opening_the_sentence_is_no_part_of_the_role(site: BuiltSite) -> None:
    assert found(site, CONJUNCTION_OPENER) == [
        ("paid every penny", "Kay Dunn"),
        ("dead", "Jun Park"),
    ]


ROLE_WITH_OF = case(
    "The quay will open in May, the governor of the region Jun Park said.\n\n"
    "“The money is there,” the head of the city administration Lea Moro said.\n\n"
    "The checks were late, the mayor of the district, Kay Dunn, said."
)


def test_a_role_with_an_of_phrase_before_the_name_is_the_subject(site: BuiltSite) -> None:
    """ "the governor of the region Sergei Tikhonov said": the role runs on
    over its of-phrase to the name, with or without commas."""
    assert [
        (q.data["speaker"], q.data["role"]) for q in site.article(ROLE_WITH_OF).of_kind("quote")
    ] == [
        ("Jun Park", "governor of the region"),
        ("Lea Moro", "head of the city administration"),
        ("Kay Dunn", "mayor of the district"),
    ]


JOINED_PARTICLES = case(
    "Kay Dunn spoke first. “The corridors are full,” Ibrahim al-Tayeb said.\n\n"
    "“The road must open,” al-Tayeb told reporters. “People will die here.”"
)


def test_a_lowercase_particle_joined_to_a_name_is_part_of_the_name(site: BuiltSite) -> None:
    """ "al-Tayeb", "el-Sisi": a name, though it starts in lowercase (and,
    alone, the surname of the one named in full before)."""
    assert found(site, JOINED_PARTICLES) == [
        ("The corridors are full", "Ibrahim al-Tayeb"),
        ("The road must open. People will die here.", "Ibrahim al-Tayeb"),
    ]


ORG_AND_UNKNOWN_ROLE_AFTER = case(
    "„That is a show event“, said CDU faction chief Jo Hart to the German Press Agency.\n\n"
    "“We will vote against it,” said Labour party whip Kay Dunn."
)


def test_an_inverted_speaker_s_role_may_hold_an_organisation_and_unknown_words(
    site: BuiltSite,
) -> None:
    assert [
        (q.data["speaker"], q.data["role"])
        for q in site.article(ORG_AND_UNKNOWN_ROLE_AFTER).of_kind("quote")
    ] == [
        ("Jo Hart", "CDU faction chief"),
        ("Kay Dunn", "Labour party whip"),
    ]


QUOTED_AS_SAYING_AFTER = case(
    "Kay Dunn spoke first.\n\n"
    "“The camps are full,” the statement quoted Lea Moro, the UN coordinator, as saying. "
    "“Every attack on a camp hurts people with nowhere to run.”"
)


def test_quoted_as_saying_after_a_quotation_names_the_one_quoted(site: BuiltSite) -> None:
    """ "“…,” the statement quoted X, the UN coordinator, as saying. “…”":
    X speaks both parts; the statement only quotes."""
    assert found(site, QUOTED_AS_SAYING_AFTER) == [
        (
            "The camps are full. Every attack on a camp hurts people with nowhere to run.",
            "Lea Moro",
        )
    ]


PLURAL_DOCUMENTS = case(
    "Kay Dunn spoke first.\n\n"
    "The conclusions state that the council “remains committed” to the loan.\n\n"
    "The minutes, agreed by all members, state that the port is “not for sale”.\n\n"
    "The state aid rules were “never meant for ports”, Jun Park said."
)


def test_state_after_a_plural_description_is_a_verb_of_speech(site: BuiltSite) -> None:
    """ "The conclusions state that …": the bare verb after a plural
    subject, also past a participle's clause; "the state aid rules" is no verb."""
    assert found(site, PLURAL_DOCUMENTS) == [
        ("remains committed", "The conclusions"),
        ("not for sale", "The minutes"),
        ("never meant for ports", "Jun Park"),
    ]


NOTE_AFTER_ATTRIBUTION = case(
    "Kay Dunn spoke first.\n\n"
    "“We are not selling our rivers,” Jo Hart said (translated). “Not now, not ever.”"
)


def test_a_note_in_brackets_after_the_attribution_keeps_it(site: BuiltSite) -> None:
    assert found(site, NOTE_AFTER_ATTRIBUTION) == [
        ("We are not selling our rivers. Not now, not ever.", "Jo Hart")
    ]


TITLE_WHERE_IT_SERVES = case(
    "Kay Dunn spoke first.\n\n“I never interfered,” the minister in the presidency said on Friday."
)


def test_a_title_with_where_it_serves_speaks_as_a_whole(site: BuiltSite) -> None:
    """ "the minister in the presidency said": the title with where it
    serves (a registry role "Minister in the Presidency" holds every word)."""
    assert found(site, TITLE_WHERE_IT_SERVES) == [
        ("I never interfered", "the minister in the presidency")
    ]


HEAD_OF_SOMETHING = case(
    "Kay Dunn spoke first.\n\n"
    "The head of the cabinet indicated that the dialogue “remains open”.\n\n"
    "“We leave on Friday,” the head of the delegation said."
)


def test_the_head_of_something_is_the_head(site: BuiltSite) -> None:
    """ "The head of the cabinet indicated": the title the of-phrase belongs
    to speaks, not the cabinet, whatever the noun."""
    assert found(site, HEAD_OF_SOMETHING) == [
        ("remains open", "The head of the cabinet"),
        ("We leave on Friday", "the head of the delegation"),
    ]


FRAGMENT_AFTER_LONG_QUOTATION = case(
    "Kay Dunn spoke first.\n\n"
    "“We are not taxing the poor. We are asking a rich sector to pay its share,” Jo Hart "
    "said, adding that the office would “engage all stakeholders”."
)


def test_a_fragment_after_a_quotation_of_two_sentences_has_its_speaker(
    site: BuiltSite,
) -> None:
    """The sentence that holds the attribution holds the fragment too, even
    when the quotation before it began a sentence earlier."""
    assert found(site, FRAGMENT_AFTER_LONG_QUOTATION) == [
        ("We are not taxing the poor. We are asking a rich sector to pay its share", "Jo Hart"),
        ("engage all stakeholders", "Jo Hart"),
    ]


ACRONYM_IN_ROLE = case(
    "The president of the Federation of Hill Farmers (Fehf), Jo Hart, said the farmers "
    "“will not retreat”."
)


def test_an_acronym_in_brackets_ends_a_role_before_the_name(site: BuiltSite) -> None:
    assert found(site, ACRONYM_IN_ROLE) == [("will not retreat", "Jo Hart")]


MEMBERS = case(
    "Nuala Breathnach TD (Dublin Central) accused the Government of “managing a crisis”.\n\n"
    "“We are getting it in the neck on the doors,” one Fianna Fáil TD said.\n\n"
    "One Labour MP, who asked not to be named, said the plan was “dead on arrival”."
)


def test_a_member_s_letters_and_seat_are_no_part_of_a_name(site: BuiltSite) -> None:
    """ "Nuala Breathnach TD (Dublin Central)": the member's letters and
    seat are dropped, like "MP"; "one Fianna Fáil TD" is a description."""
    assert found(site, MEMBERS) == [
        ("managing a crisis", "Nuala Breathnach"),
        ("We are getting it in the neck on the doors", "one Fianna Fáil TD"),
        ("dead on arrival", "One Labour MP"),
    ]


TELLING_AND_HYPHEN = case(
    "Jo Hart went further, telling the council the plan had “lost the run of itself”.\n\n"
    "«We lost everything in the night», - said the pensioner Kay Dunn."
)


def test_telling_after_a_comma_and_a_spaced_hyphen_before_the_verb(site: BuiltSite) -> None:
    """ ", telling the council …" has the sentence's subject, as ", saying"
    does; a spaced hyphen sets an attribution off, as a dash does."""
    assert found(site, TELLING_AND_HYPHEN) == [
        ("lost the run of itself", "Jo Hart"),
        ("We lost everything in the night", "Kay Dunn"),
    ]


PUT_IT = case(
    "Jo Hart spoke first.\n\n"
    "As one official put it, the two leaders “agree on the diagnosis and on nothing else”."
)


def test_as_someone_put_it_names_the_speaker(site: BuiltSite) -> None:
    assert found(site, PUT_IT) == [("agree on the diagnosis and on nothing else", "one official")]


FRAGMENT_AFTER_A_TRAILING_PHRASE = case(
    "Jo Hart spoke first.\n\n"
    "“We are not tired,” Kay Dunn told reporters on arrival, adding that a new package "
    "was “in the pipeline”.\n\n"
    "“We are ready,” Kay Dunn said on Monday, speaking outside the court. “We will appeal.”"
)


def test_a_participle_s_clause_with_quoted_words_ends_the_attribution(
    site: BuiltSite,
) -> None:
    """ "…,” she told reporters on arrival, adding that a package was “in
    the pipeline”": the fragment is its own quotation; a participle's
    clause that ends its sentence stays in the attribution of a split one."""
    assert found(site, FRAGMENT_AFTER_A_TRAILING_PHRASE) == [
        ("We are not tired", "Kay Dunn"),
        ("in the pipeline", "Kay Dunn"),
        ("We are ready. We will appeal.", "Kay Dunn"),
    ]


ASIDES_AFTER_THE_VERB = case(
    "Jo Hart took the stage after Tom Reid.\n\n"
    "“Welcome to the show,” Tom Reid said.\n\n"
    "“This is the first phone you will forget you carry,” Hart said onstage.\n\n"
    "“We sold out in an hour,” Hart said live on stage at the expo.\n\n"
    "I almost did not sleep this week, but the goal was worth it, said Kay Dunn, emotional.\n\n"
    "The pitch was a lake and we still won, said Jun Park, visibly moved."
)


def test_an_adverb_or_a_short_aside_may_end_an_attribution(site: BuiltSite) -> None:
    """ "Hart said onstage.", "said live on stage at …": an adverb of place
    or time after the verb ends no attribution; ", emotional." and ",
    visibly moved." after the speaker close reported speech."""
    assert found(site, ASIDES_AFTER_THE_VERB) == [
        ("Welcome to the show", "Tom Reid"),
        ("This is the first phone you will forget you carry", "Jo Hart"),
        ("We sold out in an hour", "Jo Hart"),
        ("I almost did not sleep this week, but the goal was worth it", "Kay Dunn"),
        ("The pitch was a lake and we still won", "Jun Park"),
    ]


NOT_SPEECH_BEFORE_TO = case(
    "Kay Dunn, a glaciologist, cautioned that small glaciers respond to warming much faster "
    "than ice sheets, and that the results “should not be read across to the poles”.\n\n"
    "Jun Park said prices continued to rise all year, which made the plan “a mistake.”"
)


def test_a_verb_of_speech_before_to_may_say_something_else(site: BuiltSite) -> None:
    """ "glaciers respond to warming", "prices continued to rise": no speech,
    so the sentence's quoted words stay with its speaker."""
    assert found(site, NOT_SPEECH_BEFORE_TO) == [
        ("should not be read across to the poles", "Kay Dunn"),
        ("a mistake.", "Jun Park"),
    ]


ACCORDING_TO_REPORTED = case(
    "Jo Hart scored twice.\n\n"
    "We lacked calm in the last minutes and paid for it, according to Hart.\n\n"
    "The club sold 41,000 tickets for the final, according to the league.\n\n"
    "Let us remind, the stand was closed in May, according to the city.\n\n"
    "Hart was blunt: We must not forget the fans. Most of them travelled by bus, "
    "according to the club."
)


def test_first_person_words_closed_by_according_to_are_reported_speech(
    site: BuiltSite,
) -> None:
    """ "We lacked calm …, according to Hart.": words in the first person
    that end in "according to X" are X's; a figure "according to the
    league" is a source, no quotation, and so is a sentence in the third
    person after first-person ones, or one that opens "Let us remind"."""
    assert found(site, ACCORDING_TO_REPORTED) == [
        ("We lacked calm in the last minutes and paid for it", "Jo Hart"),
        ("We must not forget the fans.", "Jo Hart"),
    ]


ROLE_BY_ITS_LAST_WORD = case(
    "Kay Dunn, floor leader of the ruling Harbour Party (HP), dismissed the criticism as "
    "“political theatre.”\n\n"
    "Jun Park, majority leader of the state senate, called the bill “dead on arrival.”\n\n"
    "Lea Moro, meanwhile the party's treasurer, said nothing."
)


def test_a_role_between_commas_may_open_with_words_before_its_title(site: BuiltSite) -> None:
    """ "NAME, floor leader of …, dismissed … as “…”": lower-case words the
    lists do not know before a title word are part of the role, and the
    name speaks the sentence's quoted words."""
    assert found(site, ROLE_BY_ITS_LAST_WORD) == [
        ("political theatre.", "Kay Dunn"),
        ("dead on arrival.", "Jun Park"),
    ]


SUBJECTS_OF_LOCAL_AND_MARKETS_COPY = case(
    "Jo Hart chairs the committee. “We are ready,” Tom Reid said. He left early.\n\n"
    "She said the money was spread across 1,140 projects, adding that every item had a code "
    "“that anyone can look up.”\n\n"
    "“The market was positioned for a cut,” analysts at Harbourline Capital, led by Kay Dunn, "
    "said in a note to clients. “We see a floor near the lows.”\n\n"
    "The team will practise on Monday, athletic director Greg Salinas said.\n\n"
    "“She's wriggling,” Priya shouts back over the engine.\n\n"
    "“We went out at two in the morning,” Dave recalls.\n\n"
    "Clydemuir MSP Anne Doherty (SNP) defended her record. “Councils were protected,” she said."
)


def test_subjects_of_local_markets_and_feature_copy(site: BuiltSite) -> None:
    """A pronoun opening the sentence speaks the fragment after ", adding
    that"; a group at an
    organisation speaks ("analysts at X, led by Y, said"); words the lists do
    not know before a title and a name are the role; a verb that is a noun
    too speaks right after a quotation and its speaker ("Dave recalls"), with
    a particle ("shouts back"); a bracket after a name that opens a sentence
    ("(SNP)") keeps it the one a later "she" stands for."""
    assert found(site, SUBJECTS_OF_LOCAL_AND_MARKETS_COPY) == [
        ("We are ready", "Tom Reid"),
        ("that anyone can look up.", "Jo Hart"),
        (
            "The market was positioned for a cut. We see a floor near the lows.",
            "analysts at Harbourline Capital",
        ),
        ("The team will practise on Monday", "Greg Salinas"),
        ("She's wriggling", "Priya"),
        ("We went out at two in the morning", "Dave"),
        ("Councils were protected", "Anne Doherty"),
    ]


FEATURE_DIALOGUE = case(
    "Jo Hart steers the boat out of the harbour.\n\n"
    "“What breed is the dog?” someone asks.\n\n"
    "“My grandson learned to read in that library,” Kay Dunn said. “They tell us it's "
    "only a building. It is not.”\n\n"
    "“Every year it is the same trick,” Lea Moro said, using the word twice. “The excuses "
    "are over.”"
)


def test_someone_speaks_they_tell_us_quotes_and_using_opens_a_clause(site: BuiltSite) -> None:
    """ "someone asks" speaks as written; "“They tell us …" opens words the
    speaker says, not an attribution of the part before; "using …" is a
    participle's clause in the attribution of a split quotation."""
    assert found(site, FEATURE_DIALOGUE) == [
        ("What breed is the dog?", "someone"),
        (
            "My grandson learned to read in that library. They tell us it's only a building. "
            "It is not.",
            "Kay Dunn",
        ),
        ("Every year it is the same trick. The excuses are over.", "Lea Moro"),
    ]


TABLOID_VERBS = case(
    "Jo Hart spoke first.\n\n"
    "Kay Dunn took to social media, writing: “Some people would sell their own "
    "nan for a bigger garage.”\n\n"
    "“It is a disgrace,” Lea Moro fumed."
)


def test_tabloid_verbs_speak(site: BuiltSite) -> None:
    assert found(site, TABLOID_VERBS) == [
        ("Some people would sell their own nan for a bigger garage.", "Kay Dunn"),
        ("It is a disgrace", "Lea Moro"),
    ]


# ---------------------------------------------------------------- reported speech

REPORTED = [
    case("The council met on Thursday. " + ending)
    for ending in (
        "The budget leaves a hole of two million in the port accounts, said Jun Park.",
        "The budget leaves a hole of two million in the port accounts, Jun Park said.",
        "The budget leaves a hole of two million in the port accounts, Jun Park said on Friday.",
        # A lead-in before a colon is not the speech.
        "He announced that he would show the figures on Friday: The budget leaves a hole "
        "of two million in the port accounts, said Jun Park.",
        # A time ends its sentence before a capitalised word that is no day or zone.
        "The vote closed at 10 p.m. The budget leaves a hole of two million in the port "
        "accounts, Jun Park said.",
    )
]


@pytest.mark.parametrize("slug", REPORTED)
def test_reported_speech_without_marks(site: BuiltSite, slug: str) -> None:
    article = site.article(slug)
    (quote,) = article.of_kind("quote")
    assert article.exact(quote) == "The budget leaves a hole of two million in the port accounts"
    assert (quote.data["speaker"], quote.data["rule"]) == ("Jun Park", "reported")


NOT_REPORTED = case(
    "The council met on Thursday.\n\n"
    "Dale Fenwick, of Westgate, said the income pays his property taxes.\n\n"
    "Ann Hale, 58, of Eastgate, who lets a room, said the rent pays her bills.\n\n"
    "StayCoast, the booking platform, urged the council in a letter to delay the vote."
)


def test_a_subject_and_its_appositive_are_no_reported_speech(site: BuiltSite) -> None:
    """ "Name, appositive, said …" is a sentence's subject before its verb,
    not words someone said."""
    assert site.article(NOT_REPORTED).of_kind("quote") == []


COLON_SPEECH = case(
    "Lea Moro chairs the port board. Moro asked for patience: We cannot open the quay "
    "before the survey is done. Our engineers need two more weeks. The board meets in May."
    "\n\nThe plan has two parts: we build the quay first, then the road. "
    "Moro had one answer: The port must wait for the survey.\n\n"
    "Asked about the delay, she kept calm: We are not going to rush anything now."
)


def test_first_person_speech_after_a_lead_in_colon(site: BuiltSite) -> None:
    """Translated copy drops the marks after a colon; the subject speaks,
    also after a participle's clause opening the sentence ("Asked about
    …, she …")."""
    assert found(site, COLON_SPEECH) == [
        (
            "We cannot open the quay before the survey is done. Our engineers need two more weeks.",
            "Lea Moro",
        ),
        ("We are not going to rush anything now.", "Lea Moro"),
    ]


COLON_SPEECH_TITLES = case(
    "The head of the port also spoke of prices: We have agreed fixed prices with the "
    "suppliers. We will not let anyone earn on the flood.\n\n"
    "The report said: We found no fault in the cranes."
)


def test_a_title_opening_the_sentence_speaks_after_a_lead_in_colon(site: BuiltSite) -> None:
    """A description headed by a title speaks first-person words after the
    colon ("The head of the region … : We have agreed …"); a document does not."""
    assert found(site, COLON_SPEECH_TITLES) == [
        (
            "We have agreed fixed prices with the suppliers. "
            "We will not let anyone earn on the flood.",
            "The head",
        )
    ]


NAME_LABELS = case(
    "Jo Hart runs the workshop her father built.\n\n"
    "Hart: I did the arithmetic, like everybody. I know what happens to a small firm.\n\n"
    "Note: We will publish the full interview next week.\n\n"
    "“We stay open,” Tom Reid said.\n\n"
    "**Hart: “We have to raise our prices”**\n\n"
    "Update: “The workshop is closed today,” a sign reads."
)


def test_a_name_and_a_colon_opening_a_paragraph_label_its_speech(site: BuiltSite) -> None:
    """A question-and-answer profile's answers ("Okabe: I did …") are
    spoken by the one the label names, someone the article named before,
    with quotation marks or without (a subhead 'Hart: “…”' is hers, not the
    last speaker's); a label that names nobody ("Note:") speaks nothing."""
    assert found(site, NAME_LABELS) == [
        ("I did the arithmetic, like everybody. I know what happens to a small firm.", "Jo Hart"),
        ("We stay open", "Tom Reid"),
        ("We have to raise our prices", "Jo Hart"),
        ("The workshop is closed today", "a sign"),
    ]


TRANSCRIPT = case(
    "Jo Hart hosts the podcast. Kay Dunn, the water board's chief, was her guest.\n\n"
    "HART: You told the council there was no cause for alarm. What happened?\n\n"
    "[00:12:41] KAY DUNN: Two things happened. The rain did not come, and we had a hot "
    "autumn. And I am not going to pretend —\n\n"
    "DUNN: — we read it right. We did not.\n\n"
    "HART: “So who did?”\n\n"
    "NOTE: The board has since published the figures."
)


def test_a_transcript_turn_is_its_speaker_s_whatever_its_sentences_say(
    site: BuiltSite,
) -> None:
    """A paragraph that opens with the name of someone the article named,
    in capitals as transcripts write it, perhaps after a time stamp, and a
    colon is that person's turn, the whole paragraph, in the first person
    or not, with marks or without; a label naming nobody speaks nothing."""
    assert found(site, TRANSCRIPT) == [
        ("You told the council there was no cause for alarm. What happened?", "Jo Hart"),
        (
            "Two things happened. The rain did not come, and we had a hot autumn. "
            "And I am not going to pretend",
            "Kay Dunn",
        ),
        ("we read it right. We did not.", "Kay Dunn"),
        ("So who did?", "Jo Hart"),
    ]


JOINED_VERBS = case(
    "Jun Park spoke first.\n\n"
    "A port spokeswoman declined to comment but said the quay was “safe for every crane.”\n\n"
    "The WHO envoy, Lena Fischer, said the study was sound and stressed that “prevention "
    "still matters most.”"
)


def test_the_second_of_two_joined_verbs_has_the_first_one_s_subject(site: BuiltSite) -> None:
    """ "… declined to comment but said", "… and stressed that"; an acronym
    that spells a word ("WHO") is a name."""
    assert found(site, JOINED_VERBS) == [
        ("safe for every crane.", "A port spokeswoman"),
        ("prevention still matters most.", "Lena Fischer"),
    ]


TIME_OPENERS = case(
    "Maya Holt spoke first.\n\n"
    "At one point Judge Tove Rask sustained an objection and told the lawyer to “move on "
    "to a question.”\n\n"
    "Later the minister paused and said the plan was “far too late for anyone to use.”\n\n"
    "At the end of the meeting the ministry thanked staff and said the fix was “a stopgap "
    "at best.”"
)


def test_a_phrase_of_time_with_no_comma_does_not_hide_the_subject(site: BuiltSite) -> None:
    """ "At one point Judge X …", "Later the minister …": the phrase of time
    opens the sentence, its subject follows; not the verb's object."""
    assert found(site, TIME_OPENERS) == [
        ("move on to a question.", "Tove Rask"),
        ("far too late for anyone to use.", "the minister"),
        ("a stopgap at best.", "the ministry"),
    ]


TITLE_IN_GUILLEMETS = case(
    "«The bridge stays shut», said Paul Marchetti.\n\n"
    "Questioned by «Le Journal de la Sarre», the head of the works, Inès Vautrin, "
    "disputes this account. «We were ready in March», she said."
)


def test_a_title_in_marks_opening_the_sentence_is_neither_speech_nor_the_subject(
    site: BuiltSite,
) -> None:
    """A newspaper's title in guillemets, its small words in lower case, is
    no quotation, and the name after the phrase it sits in opens the
    sentence for "she"."""
    assert found(site, TITLE_IN_GUILLEMETS) == [
        ("The bridge stays shut", "Paul Marchetti"),
        ("We were ready in March", "Inès Vautrin"),
    ]


BRACKETED_ROLES = case(
    "«The road is open», said Paul Marchetti.\n\n"
    "The mayor (PRV) of Bourg-la-Haute, Odile Sarrazin, did not hide her anger. «We were "
    "never told», she declared.\n\n"
    "The president of the Syndicat intercommunal des eaux de la Sarre (SIES), Luc Perrot, "
    "disagrees. «The works were funded last year», he said.\n\n"
    "The mayor of Vic-sur-Sarre (MDL), Anne Keller, was more cautious. «We will see in "
    "spring», she said."
)


def test_a_party_in_brackets_or_a_lower_case_organisation_keeps_the_name_as_subject(
    site: BuiltSite,
) -> None:
    """The name between commas after a role with a party in brackets, or
    with an organisation whose name has words in lower case, opens the
    sentence for "she" and "he"."""
    assert found(site, BRACKETED_ROLES) == [
        ("The road is open", "Paul Marchetti"),
        ("We were never told", "Odile Sarrazin"),
        ("The works were funded last year", "Luc Perrot"),
        ("We will see in spring", "Anne Keller"),
    ]


DOER_THEN_SPEAKER = case(
    "Maya Holt spoke first.\n\n"
    "The bailiff stood up and said the room was “far too crowded for anyone to hear.”\n\n"
    "Her neighbour paused and added that the flood had been “the worst in forty years.”"
)


def test_a_description_that_did_something_then_spoke_is_the_speaker(site: BuiltSite) -> None:
    """ "The bailiff stood up and said …": the description before the first
    verb speaks, not the last name of the article nor the whole clause."""
    assert found(site, DOER_THEN_SPEAKER) == [
        ("far too crowded for anyone to hear.", "The bailiff"),
        ("the worst in forty years.", "Her neighbour"),
    ]


LATER_SAID = case(
    "The Orvian embassy later said in a statement that the crews were “inside the zone”.\n\n"
    "One resident also told us the tide had been “the highest in years”."
)


def test_an_adverb_before_the_verb_is_no_part_of_a_description(site: BuiltSite) -> None:
    """ "The embassy later said": the description ends before "later", as a
    name does."""
    assert found(site, LATER_SAID) == [
        ("inside the zone", "The Orvian embassy"),
        ("the highest in years", "One resident"),
    ]


READ_A_STATEMENT = case(
    "Her barrister, Colm Daly, read a statement outside the court.\n\n"
    "Nora Quill, his aunt, read a statement on behalf of the family.\n\n"
    "Her brother, Tom Quill, read a victim impact statement to the court. “We lost the "
    "best of us that night,” the statement continued."
)


def test_a_role_and_a_name_reading_a_statement_are_no_speech(site: BuiltSite) -> None:
    """ "Her barrister, Colm Daly, read a statement …" is the sentence's
    subject, not words the statement said; and a statement named with words
    before it ("a victim impact statement") is its reader's."""
    assert found(site, READ_A_STATEMENT) == [
        ("We lost the best of us that night", "Tom Quill"),
    ]


SIGNED_BY = case(
    "In a statement signed by her press secretary, Mr. Kunle Adeyemi, Governor Amina Bello "
    "said the senator was free to leave. “We wish her well on her new road,” the statement "
    "read.\n\n"
    "After the vote, Ruth Okon, Musa Garba and Ada Eze said they would “keep the seats warm.”"
    "\n\nAt Ado Ekiti, Musa Garba and Ada Eze said the count was “slow but fair.”\n\n"
    "Later, Ruth Okon, Musa Garba and Ada Eze met the press. “We will not stand again,” she "
    "said.\n\n"
    "Speaking on Monday, Ida Berg, Governor of Kelby, was blunt. “The roads come first,” she said."
)


def test_a_name_closing_the_opening_phrase_is_not_the_subject(site: BuiltSite) -> None:
    """ "In a statement signed by her press secretary, Mr. X, Governor Y
    said …": the name before the last comma belongs to the opening phrase,
    Y speaks, and so "the statement" is hers; a list of names is no such
    phrase, and its first name is the speaker."""
    assert found(site, SIGNED_BY) == [
        ("We wish her well on her new road", "Amina Bello"),
        ("keep the seats warm.", "Ruth Okon"),
        ("slow but fair.", "Musa Garba"),
        ("We will not stand again", "Ruth Okon"),
        ("The roads come first", "Ida Berg"),
    ]


IT_WAS_SAID = case(
    "The Kelby Works published its figures.\n\n"
    "High energy prices weighed on the orders of the customers, it was said.\n\n"
    "A closure of whole plants is not planned, it is said in company circles.\n\n"
    "Orders will recover by the spring of next year, it said."
)


def test_an_impersonal_passive_is_no_attribution(site: BuiltSite) -> None:
    """ "…, it was said." (as translation renders German "hieß es") names
    no speaker, so the sentence is no reported speech; the active "it
    said" is the company's."""
    assert [q for q, _ in found(site, IT_WAS_SAID)] == [
        "Orders will recover by the spring of next year",
    ]


WAS_TOLD_TO = case(
    "“Box now, the tyres are gone,” Paolo Ruggeri told his driver.\n\n"
    "On the other radio, Jens Marten was told to “stay out, the rain will stop in two laps”.\n\n"
    "Later Jens Marten was told by Ida Lund to “bring the car home in one piece”."
)


def test_words_someone_was_told_to_say_or_do_are_not_the_listener_s(site: BuiltSite) -> None:
    """ "Marten was told to “…”": the words are whoever told him, and with no
    "by" nobody named, so the quotation has no speaker (not Marten by
    context); "was told by Ida Lund to" names her."""
    assert found(site, WAS_TOLD_TO) == [
        ("Box now, the tyres are gone", "Paolo Ruggeri"),
        ("stay out, the rain will stop in two laps", None),
        ("bring the car home in one piece", "Ida Lund"),
    ]


TIME_AFTER_VERB = case(
    "“We will appeal,” Gary Pell said a day later. “The ruling is wrong.”\n\n"
    "“I nearly walked off,” Rosa Mintz laughs backstage an hour later. “Then the lights came "
    "up.”\n\n"
    "“We will win,” Dov Aran told the Harbour Ledger two weeks ago."
)


def test_a_span_of_time_after_the_verb_belongs_to_the_attribution(site: BuiltSite) -> None:
    """ "said a day later", "laughs backstage an hour later", "told the
    Harbour Ledger two weeks ago": when, like "on Monday", ends the
    attribution."""
    assert [(q[:12], who) for q, who in found(site, TIME_AFTER_VERB)] == [
        ("We will appe", "Gary Pell"),
        ("I nearly wal", "Rosa Mintz"),
        ("We will win", "Dov Aran"),
    ]


ADDING_THAT = case(
    "The ferry will sail again before the end of the month, the harbour master said, adding "
    "that the repairs had cost far more than planned."
)


def test_reported_speech_may_close_with_more_of_what_was_said(site: BuiltSite) -> None:
    """ "…, the harbour master said, adding that …": the participle's clause
    after the attribution does not keep the words before it from being
    reported speech."""
    assert found(site, ADDING_THAT) == [
        ("The ferry will sail again before the end of the month", "the harbour master"),
    ]


SAID_ACCORDING_TO = case(
    "“We will not go back to the old days,” Emir Khalid Saber said, according to a transcript "
    "released by the ministry."
)


def test_according_to_after_an_attribution_names_no_second_speaker(site: BuiltSite) -> None:
    """ "“…,” X said, according to a transcript released by …": the source of
    the report, not reported speech of its own that holds the quotation."""
    assert found(site, SAID_ACCORDING_TO) == [
        ("We will not go back to the old days", "Khalid Saber"),
    ]


LONG_LISTENER = case(
    "Dana Kessel testified first.\n\n"
    "“We compete with three states for each plant,” Ruth Amsel told the House Ways and Means "
    "Committee. “If we blink, they build elsewhere.”\n\n"
    "“The plant stays,” Dana Kessel said.\n\n"
    "“We will build it in Kelby,” Ruth Amsel told Kelby Public Radio and the Harbour Ledger."
)


def test_a_listener_s_name_runs_to_its_end(site: BuiltSite) -> None:
    """ "told the House Ways and Means Committee", "told Kelby Public Radio
    and the Harbour Ledger": the listener's name, "and" and all, belongs to
    the attribution, and the split quotation holds."""
    assert found(site, LONG_LISTENER) == [
        (
            "We compete with three states for each plant. If we blink, they build elsewhere.",
            "Ruth Amsel",
        ),
        ("The plant stays", "Dana Kessel"),
        ("We will build it in Kelby", "Ruth Amsel"),
    ]


PORTFOLIOS = case(
    "MEC for Cooperative Governance and Traditional Affairs Lindiwe Mokoena said: “We will "
    "step in if the council fails.”\n\n"
    "Minister of Housing, Infrastructure and Communities Claire Dubois said: “We will build "
    "more homes this year.”\n\n"
    "Minister of Health Ana Ruiz and Tom Reid said they would “meet again in Geneva”."
)


def test_a_portfolio_with_and_or_a_comma_is_part_of_the_role(site: BuiltSite) -> None:
    """ "MEC for Cooperative Governance and Traditional Affairs Lindiwe
    Mokoena", "Minister of Housing, Infrastructure and Communities Claire
    Dubois": the portfolio is one, the name follows it; "and" after a name
    still joins two speakers."""
    assert found(site, PORTFOLIOS) == [
        ("We will step in if the council fails.", "Lindiwe Mokoena"),
        ("We will build more homes this year.", "Claire Dubois"),
        ("meet again in Geneva", "Ana Ruiz"),
    ]


NAMES_IN_MARKS = case(
    "“We must cut our costs, or others take our market,” said Ruth Amsel in an interview "
    "with the “Kelby Morning Post”.\n\n"
    "She closes with a slow ballad called “Borrowed Car” and the room goes quiet.\n\n"
    "Parents formed a group called “Mothers Against Closure” last spring.\n\n"
    "Marisol opens with “Tin Roof Hymn”, the first song she ever wrote, alone with a guitar."
    "\n\nSamir Nassar told the radio station “Sawt al-Jabal” that he would resign."
)


def test_a_name_in_marks_is_neither_a_quotation_nor_the_rest_of_one(site: BuiltSite) -> None:
    """A newspaper after "in an interview with the" is no second part of the
    split quotation before it; a song "called" or followed by what it is
    ("the first song she ever wrote"), or a station's name with a particle
    joined to a capitalised word ("Sawt al-Jabal"), is a name in marks."""
    assert found(site, NAMES_IN_MARKS) == [
        ("We must cut our costs, or others take our market", "Ruth Amsel"),
    ]


TIME_BEFORE_INVERTED_SPEAKER = case(
    "The Zabrze mine will close its last shaft at the end of 2027, informed on Thursday the "
    "Ministry of Climate.\n\n"
    "“The miners will be retrained,” said late on Monday Agata Wrona."
)


def test_a_time_phrase_may_stand_between_an_inverted_verb_and_its_speaker(
    site: BuiltSite,
) -> None:
    """ "…, informed on Thursday the Ministry of Climate.": machine
    translation keeps the verb-second order of Polish, Czech or German."""
    assert found(site, TIME_BEFORE_INVERTED_SPEAKER) == [
        ("The Zabrze mine will close its last shaft at the end of 2027", "Ministry of Climate"),
        ("The miners will be retrained", "Agata Wrona"),
    ]


STYLED_SUBJECT = case(
    "“We will stay the course,” said Omar Fayed.\n\n"
    "His Highness the Emir Sheikh Hamid bin Nasser Al-Qadi opened the session on Monday, "
    "affirming that the state will diversify “with resolve and without delay.”\n\n"
    "“The port is ready,” said Omar Fayed.\n\n"
    "Her deputy closed it, emphasising that the budget was “balanced for the first time.”\n\n"
    "“Trade is up,” said Omar Fayed.\n\n"
    "His Royal Highness Prince Karim Aziz toured the docks, saying they would “reopen next "
    "spring.”"
)


def test_a_style_before_the_subject_and_more_participles_of_speech(site: BuiltSite) -> None:
    """ "His Highness the Emir Sheikh X opened …, affirming that … “…”": the
    style is no part of the subject, and "affirming", "emphasising" are
    participles of speech like "saying"."""
    assert found(site, STYLED_SUBJECT) == [
        ("We will stay the course", "Omar Fayed"),
        ("with resolve and without delay.", "Hamid bin Nasser Al-Qadi"),
        ("The port is ready", "Omar Fayed"),
        ("balanced for the first time.", "Her deputy"),
        ("Trade is up", "Omar Fayed"),
        ("reopen next spring.", "Karim Aziz"),
    ]


INFORMED_LISTENER = case(
    "The draft law on the mines will go to the Sejm in January, the ministry informed PAP.\n\n"
    "The company will decide on an appeal within three weeks, informs communications manager "
    "Siri Holm to NNB."
)


def test_informed_takes_a_listener_as_told_does(site: BuiltSite) -> None:
    """ "…, the ministry informed PAP.": whom it informed is no part of the
    speaker, and the sentence is reported speech; "informs X to NNB" names
    the listener after "to", asking nobody to do anything."""
    assert found(site, INFORMED_LISTENER) == [
        ("The draft law on the mines will go to the Sejm in January", "the ministry"),
        ("The company will decide on an appeal within three weeks", "Siri Holm"),
    ]


EN_DASH_IN_NAME = case(
    "“Not one family here can afford a home,” the member for Delta–Riverside said.\n\n"
    "“The corridor works,” the head of the Baishan–Laokai freight office said."
)


def test_an_en_dash_with_no_space_joins_two_words_of_a_name(site: BuiltSite) -> None:
    """ "Delta–Riverside", "Baishan–Laokai": an en dash between two words
    with no space is part of the name, as a hyphen is, not a dash that sets
    an attribution off."""
    assert found(site, EN_DASH_IN_NAME) == [
        ("Not one family here can afford a home", "the member for Delta–Riverside"),
        ("The corridor works", "the head of the Baishan–Laokai freight office"),
    ]


RANK_NUMBER = case(
    "Ana Wrona spoke first.\n\n"
    "“It's not about revenge,” the world No. 3 added. “It's about my own tennis.”"
)


def test_a_rank_number_is_part_of_a_description_not_a_name(site: BuiltSite) -> None:
    """ "the world No. 3 added": "No." before a number is no name, so the
    description speaks and the quotation stays split around it."""
    assert found(site, RANK_NUMBER) == [
        ("It's not about revenge. It's about my own tennis.", "the world No. 3"),
    ]


INVERTED_LONG_TITLE = case(
    "“Quebec needs no lessons,” Luc Martel said.\n\n"
    "“The money is flowing,” said the minister responsible for the agency."
)


def test_an_inverted_title_may_run_on_past_words_the_lists_do_not_know(
    site: BuiltSite,
) -> None:
    """ "said the minister responsible for the agency.": the whole
    description with its title speaks, not the last speaker by context."""
    assert found(site, INVERTED_LONG_TITLE) == [
        ("Quebec needs no lessons", "Luc Martel"),
        ("The money is flowing", "the minister responsible for the agency"),
    ]


FRAGMENT_THEN_VERB = case(
    "Ines Galvez expressed “deep concern about the arrests” and said the bloc wanted “a "
    "settlement under international law”.\n\n"
    "The ombudsman, Nora Velde, exhorted both sides to “a dialogue without conditions” and "
    "demanded to the police “not to use force” against the crowd.\n\n"
    "Tom Reid dismissed the plan as “a stunt” and said voters were “not fooled”.\n\n"
    "Reacting, the chairman of the party, Musa Yerima, described the move as “a non-event” "
    "and said the party was “stronger than ever.”"
)


def test_a_fragment_before_a_verb_joined_by_and_has_its_speaker(site: BuiltSite) -> None:
    """ "X expressed “…” and said … “…”": both fragments are X's, the first
    by the verb of speech after it, the second by the sentence's subject
    (not lost for want of one after the first fragment)."""
    assert found(site, FRAGMENT_THEN_VERB) == [
        ("deep concern about the arrests", "Ines Galvez"),
        ("a settlement under international law", "Ines Galvez"),
        ("a dialogue without conditions", "Nora Velde"),
        ("not to use force", "Nora Velde"),
        ("a stunt", "Tom Reid"),
        ("not fooled", "Tom Reid"),
        ("a non-event", "Musa Yerima"),
        ("stronger than ever.", "Musa Yerima"),
    ]


DOCUMENT_ISSUERS = case(
    "Party spokesperson Ravi Menon in a press release said the march would go ahead. “The "
    "farmers want their rights, not alms,” the press release stated.\n\n"
    "In the memo, Evan Marsh said the cuts would fall on sales. “I take full responsibility "
    "for this,” the memo said."
)


def test_a_document_an_issuer_spoke_in_is_his(site: BuiltSite) -> None:
    """ "X in a press release said …" then "“…,” the press release stated":
    the document between subject and verb is no subject, a noun of two
    words is a document too, and "In the memo, X said" introduces it."""
    assert found(site, DOCUMENT_ISSUERS) == [
        ("The farmers want their rights, not alms", "Ravi Menon"),
        ("I take full responsibility for this", "Evan Marsh"),
    ]


STATE_AFTER_PLACE = case(
    "Tyrell Haynes, a redshirt sophomore from Dayton, Ohio, said the line “gave me all day.”"
    "\n\nMia Tate, of Ballarat, Victoria, said the water came “up to the windows in an hour.”"
    "\n\nThe mayor of Kelby, Ana Ruiz, said the dike “must be raised this year”."
)


def test_a_state_after_a_place_is_no_name_between_commas(site: BuiltSite) -> None:
    """ "X, a sophomore from Dayton, Ohio, said": "Ohio" continues the place
    where X is from, not a name that speaks; "The mayor of Kelby, Ana Ruiz,
    said" is still a role and a name."""
    assert found(site, STATE_AFTER_PLACE) == [
        ("gave me all day.", "Tyrell Haynes"),
        ("up to the windows in an hour.", "Mia Tate"),
        ("must be raised this year", "Ana Ruiz"),
    ]


PORTFOLIO_BEFORE_TITLE = case(
    "“We will watch closely,” Economy, Trade and Industry Minister Ren Fuji said.\n\n"
    "Work and Pensions Secretary Liz Kemp said the bill was “fair to everyone”.\n\n"
    "Ana Ruiz and Defence Secretary Tom Reid said the talks were “going well”."
)


def test_a_portfolio_before_its_title_is_one(site: BuiltSite) -> None:
    """ "Work and Pensions Secretary Liz Kemp": "and" joins the portfolio's
    words, not two speakers; after a name it still joins two."""
    assert found(site, PORTFOLIO_BEFORE_TITLE) == [
        ("We will watch closely", "Ren Fuji"),
        ("fair to everyone", "Liz Kemp"),
        ("going well", "Ana Ruiz"),
    ]


TITLE_AFTER_OPENER_COLON = case(
    "“We fought to the end,” said Iker Mendia.\n\n"
    "“The referee saw nothing,” said Pau Riera.\n\n"
    "On Chuchi, who had not scored since September, the coach was clear: “He is a worker. "
    "Today the goal is his.”"
)


def test_a_title_after_an_opening_phrase_speaks_after_its_colon(site: BuiltSite) -> None:
    """ "On Chuchi, …, the coach was clear: “…”": the description headed by
    a title that follows the opening phrase speaks, as it would opening the
    sentence; not the last speaker."""
    assert found(site, TITLE_AFTER_OPENER_COLON)[-1] == (
        "He is a worker. Today the goal is his.",
        "the coach",
    )


NAME_SUFFIX = case(
    "“Not one village will go thirsty,” said Kavita Rao.\n\n"
    "The central team is expected to visit the districts next week, Malviya ji said.\n\n"
    "“The government of the morcha is the government of farmers,” said Harish Malviya ji."
)


def test_a_word_of_respect_after_a_name_is_no_part_of_it(site: BuiltSite) -> None:
    """ "Malviya ji said", "said Harish Malviya ji.": the word of respect
    after the name keeps neither reported speech nor an attribution from
    being read."""
    assert found(site, NAME_SUFFIX) == [
        ("Not one village will go thirsty", "Kavita Rao"),
        ("The central team is expected to visit the districts next week", "Malviya"),
        ("The government of the morcha is the government of farmers", "Harish Malviya"),
    ]


LOWER_TITLE_NAME = case(
    "The president of the House, senator Rosa Lins, said the bill was “a priority for the "
    "country”.\n\n"
    "Ana Ruiz, minister of finance, said the talks were “over for now”."
)


def test_a_title_in_lower_case_before_the_name_between_commas(site: BuiltSite) -> None:
    """ "The president of the House, senator Rosa Lins, said": the name
    between the commas speaks, with the description before as its role;
    "Ana Ruiz, minister of finance, said" is still a name and a role."""
    assert found(site, LOWER_TITLE_NAME) == [
        ("a priority for the country", "Rosa Lins"),
        ("over for now", "Ana Ruiz"),
    ]


NAME_IN_PLACE = case(
    "“The water will drop by Friday,” said Alun Price.\n\n"
    "Jess in Marlow Vale writes: “Our street is a river. The sandbags ran out at ten.”\n\n"
    "Owen from Upper Holme writes: “We have no power and no phone signal.”"
)


def test_a_name_and_where_they_are_speaks_as_the_name(site: BuiltSite) -> None:
    """ "Jess in Marlow Vale writes:", "Owen from Upper Holme writes:" (a
    live blog's readers): the name speaks, not the place nor the last
    speaker."""
    assert found(site, NAME_IN_PLACE) == [
        ("The water will drop by Friday", "Alun Price"),
        ("Our street is a river. The sandbags ran out at ten.", "Jess"),
        ("We have no power and no phone signal.", "Owen"),
    ]


MORE_TITLES_AND_VERBS = case(
    "“Rents will fall,” said Tom Reid.\n\n"
    "The Taoiseach did not rule out a deal. “We will talk to anyone,” he said.\n\n"
    "The rapporteur defended the text. “We took nothing from anyone,” she said.\n\n"
    "“It is what it is,” Dara Quinn shrugs.\n\n"
    "“We lacked calm at the end,” Iker Mendia recognised.\n\n"
    "“Housing comes first,” Taoiseach Ciarán Daly said."
)


def test_more_titles_and_verbs_of_speech(site: BuiltSite) -> None:
    """ "The Taoiseach", "The rapporteur" are titles, so opening a sentence
    they stand for "he" and "she"; "shrugs" and "recognised" (as Spanish
    copy translates "reconoció") attribute a quotation."""
    assert found(site, MORE_TITLES_AND_VERBS) == [
        ("Rents will fall", "Tom Reid"),
        ("We will talk to anyone", "The Taoiseach"),
        ("We took nothing from anyone", "The rapporteur"),
        ("It is what it is", "Dara Quinn"),
        ("We lacked calm at the end", "Iker Mendia"),
        ("Housing comes first", "Ciarán Daly"),
    ]


OCCASION_AFTER_SPEAKER = case(
    "We will not take lessons from those who left a hole in the accounts, declared Rui Fontes, "
    "in an interview with journalists in the green hall."
)


def test_where_and_when_after_the_speaker_closes_reported_speech(site: BuiltSite) -> None:
    """ "…, declared X, in an interview with journalists in the green hall.":
    where and when it was said may follow the speaker after a comma, however
    long, as it may follow the verb."""
    assert found(site, OCCASION_AFTER_SPEAKER) == [
        ("We will not take lessons from those who left a hole in the accounts", "Rui Fontes"),
    ]


TRANSCRIPT_TITLES = case(
    "Chairman Curt Holl questioned Administrator Joan Strat and Rep. Dana Oka.\n\n"
    "MS. STRAT: Mr. Chairman, we have obligated about 40 percent of it.\n\n"
    "REP. OKA: Can you tell me, yes or no, whether you have the authority?"
)


def test_a_transcript_label_may_hold_a_title_with_a_full_stop(site: BuiltSite) -> None:
    """ "MS. STRAT:", "REP. OKA:": a turn's label in capitals, its title
    abbreviated with a full stop, names the speaker of the paragraph."""
    assert found(site, TRANSCRIPT_TITLES) == [
        ("Mr. Chairman, we have obligated about 40 percent of it.", "Strat"),
        ("Can you tell me, yes or no, whether you have the authority?", "Oka"),
    ]


ROLE_NAME_WHO_CLAUSE = case(
    "Inverbrae councillor Derek Mowbray, who represents the Marketgate ward, asked for CCTV."
)


def test_a_subject_with_a_role_and_a_who_clause_is_no_speech(site: BuiltSite) -> None:
    """ "Inverbrae councillor Derek Mowbray, who represents …, asked for
    CCTV.": the sentence's subject, a role in lower case and a name, then
    a clause about him; not reported speech spoken by "CCTV"."""
    assert found(site, ROLE_NAME_WHO_CLAUSE) == []


NAME_FROM_BODY = case(
    "MP Rami Kouri from the Cedar Renewal bloc said the Speaker was “inventing conditions”.\n\n"
    "Sgt. Marc Gautier of the Fort Larkin detachment said a few residents had “refused to "
    "leave”."
)


def test_a_name_from_a_body_with_a_lower_case_head_speaks(site: BuiltSite) -> None:
    """ "MP X from the Cedar Renewal bloc said", "Sgt. X of the Fort Larkin
    detachment said": the name speaks, not the body he is from."""
    assert found(site, NAME_FROM_BODY) == [
        ("inventing conditions", "Rami Kouri"),
        ("refused to leave", "Marc Gautier"),
    ]


JOB_BEFORE_NAME = case(
    "Ana Ruiz spoke first.\n\n"
    "“The wind will turn tonight,” fire behaviour specialist Owen Breck told the briefing. "
    "“Then we get a break.”"
)


def test_a_job_the_lists_do_not_know_before_the_name_after_a_quotation(
    site: BuiltSite,
) -> None:
    """ "“…,” fire behaviour specialist Owen Breck told the briefing. “…”": a
    word for a person and the words before it are a role; the split holds."""
    assert found(site, JOB_BEFORE_NAME) == [
        ("The wind will turn tonight. Then we get a break.", "Owen Breck"),
    ]


ACCORDING_TO_IN_AN_INTERVIEW = case(
    "“Who broke what is up to the voter,” according to Sanne Veld in a reaction to RTL Nieuws."
)


def test_according_to_someone_in_an_interview_is_that_someone(site: BuiltSite) -> None:
    """ "according to X in a reaction to RTL Nieuws": where X said it, not
    who; the broadcaster does not speak."""
    assert found(site, ACCORDING_TO_IN_AN_INTERVIEW) == [
        ("Who broke what is up to the voter", "Sanne Veld"),
    ]


NEW_SENTENCE = case(
    "Kay Dunn did not address the veto threat. \"I've said from day one I'll sign a bill,\" "
    "the president said.\n\n"
    "Revenue would be $17.1bn. Kay Dunn said margins would “dip modestly” this year.\n\n"
    "The ministry asked for the data “as a matter of priority.” Health Minister Jon Vik "
    "told the broadcaster on Wednesday that smoking had fallen."
)


def test_speakers_are_looked_for_in_the_right_sentence(site: BuiltSite) -> None:
    """ "I've" is no speaker; a figure with a decimal point ends its
    sentence; a new sentence that reports other words after a quotation is
    no attribution of it."""
    assert found(site, NEW_SENTENCE) == [
        ("I've said from day one I'll sign a bill", "the president"),
        ("dip modestly", "Kay Dunn"),
        ("as a matter of priority.", "The ministry"),
    ]


EPITHETS = case(
    "Kim Dale made two saves on Saturday.\n\n"
    "“Ask me again in May,” the 31-year-old said.\n\n"
    "“It was a good game for us,” the Pole added.\n\n"
    "“We go again,” Jo German said."
)


def test_an_age_or_a_nationality_is_the_person_just_named(site: BuiltSite) -> None:
    assert found(site, EPITHETS) == [
        ("Ask me again in May", "Kim Dale"),
        ("It was a good game for us", "Kim Dale"),
        ("We go again", "Jo German"),
    ]


FAMILY_WORDS = case(
    "Kay Dunn left the court in tears.\n\n"
    "“She has been through hell,” her mum told us outside. “She deserves better.”\n\n"
    "His dad said: “We are proud of him.”"
)


def test_family_words_as_tabloids_write_them_speak(site: BuiltSite) -> None:
    assert found(site, FAMILY_WORDS) == [
        ("She has been through hell. She deserves better.", "her mum"),
        ("We are proud of him.", "His dad"),
    ]


USED_TO_SAY = case(
    "Kay Dunn runs the workshop now.\n\n"
    "Her father used to say, she recalls, that “a lens does not forgive”."
)


def test_used_to_before_a_verb_of_speech_keeps_the_subject(site: BuiltSite) -> None:
    assert found(site, USED_TO_SAY) == [("a lens does not forgive", "Her father")]


SINGLE_MARKS = case(
    "‘The bridge will reopen in May,’ said Ana Ruiz. ‘Nobody will wait longer.’\n\n"
    "‘We were told “wait” every week,’ Jun Park said.\n\n"
    "Kim Dale said the growers’ deal was ‘a betrayal of the farms’.\n\n"
    "It’s the dockers’ strike of the ‘90s all over again, and rock ’n’ roll.\n\n"
    "“He called it ‘a betrayal’ twice,” said Lea Moro.\n\n"
    "Kim Dale wrote to the council in May.\n\n"
    "‘We asked for the survey in March and heard nothing back.\n\n"
    "‘We are still waiting for the council to answer us,’ she wrote."
)


def test_quotations_in_single_marks_as_british_copy_writes_them(site: BuiltSite) -> None:
    """Single marks quote, double marks nest inside them; apostrophes,
    plural possessives and single marks nested in double ones are not
    quotations of their own."""
    assert found(site, SINGLE_MARKS) == [
        ("The bridge will reopen in May. Nobody will wait longer.", "Ana Ruiz"),
        ("We were told ‘wait’ every week", "Jun Park"),
        ("a betrayal of the farms", "Kim Dale"),
        ("He called it ‘a betrayal’ twice", "Lea Moro"),
        (
            "We asked for the survey in March and heard nothing back. "
            "We are still waiting for the council to answer us",
            "Kim Dale",
        ),
    ]


FAMILY_AND_LEAD_INS = case(
    "“She was kind to everyone,” Moreno’s family said in a statement.\n\n"
    "Her family said: “She loved the sea.”\n\n"
    "Ana Ruiz said: “The quay is closed.” She added: “Nobody sails.”"
)


def test_a_family_speaks_and_a_colon_after_a_quotation_leads_in_to_the_next(
    site: BuiltSite,
) -> None:
    """A family is a group that speaks, after a possessive too; "“….” She
    added: “…”" is two quotations, each with its own attribution, not one
    split around "She added"."""
    assert found(site, FAMILY_AND_LEAD_INS) == [
        ("She was kind to everyone", "Moreno’s family"),
        ("She loved the sea.", "Her family"),
        ("The quay is closed.", "Ana Ruiz"),
        ("Nobody sails.", "Ana Ruiz"),
    ]


FRAGMENT_THEN_LEAD_IN = case(
    "Calling the plan a “road to nowhere”, Ana Ruiz said: “The motorway passes eleven villages.”"
)


def test_a_fragment_inside_a_sentence_is_no_first_part_of_a_split(site: BuiltSite) -> None:
    """Quoted words inside a sentence, then its subject, a verb and a
    colon before a quotation: two quotations, not one split around the verb."""
    assert found(site, FRAGMENT_THEN_LEAD_IN) == [
        ("road to nowhere", "Ana Ruiz"),
        ("The motorway passes eleven villages.", "Ana Ruiz"),
    ]


INCISED_MORE = case(
    "«The car goes only at night, – tells the paramedic of the brigade Lea Moro. – But we go.»\n\n"
    "«We finish at dawn, – said Jun Park.»\n\n"
    '"We are ready for it, - said the spokesman. - The reserves matter now."\n\n'
    "Ana Ruiz, 71, lives alone on the fifth floor. «I heard the drone», – tells the woman."
)


def test_more_attributions_set_off_by_dashes_inside_marks(site: BuiltSite) -> None:
    """Inside marks, an attribution between dashes may use "tells" (as
    translation from Ukrainian writes a speaker), close the quotation
    («…, – said X.»), or be set off by spaced hyphens in straight marks;
    "the woman" stands for the last woman named, as "she" would."""
    assert found(site, INCISED_MORE) == [
        ("The car goes only at night. But we go.", "Lea Moro"),
        ("We finish at dawn", "Jun Park"),
        ("We are ready for it. The reserves matter now.", "the spokesman"),
        ("I heard the drone", "Ana Ruiz"),
    ]


DASH_ANSWER = case(
    "Ines Baro spoke after the count. A reporter asked her whether she would accept it.\n\n"
    "—Will you accept the result when the count is done? —the reporter asked.\n\n"
    "—When the institute finishes the count, not before —she replied."
)


def test_an_answer_in_dash_dialogue_is_not_the_asker_s(site: BuiltSite) -> None:
    """A question in dash dialogue has its mark before the dash; "she
    replied" is then not whoever asked ("a reporter" and "the reporter"
    being one)."""
    assert found(site, DASH_ANSWER) == [
        ("Will you accept the result when the count is done", "the reporter"),
        ("When the institute finishes the count, not before", "Ines Baro"),
    ]


DASH_DIALOGUE = case(
    "—There is no deal without talks —Ines Baro warned—. We will go to the courts if we must.\n\n"
    "—Nobody asked us how the water is shared —lamented Jun Park, spokesman of the growers, "
    "to this paper—, and nobody will."
)


def test_an_attribution_set_off_by_dashes_splits_a_dialogue_paragraph(site: BuiltSite) -> None:
    """Spanish dialogue: a paragraph that opens with a dash (with no space
    after it) is speech, and an attribution between dashes inside it, with
    its role and where it was said, splits it."""
    assert found(site, DASH_DIALOGUE) == [
        ("There is no deal without talks. We will go to the courts if we must.", "Ines Baro"),
        ("Nobody asked us how the water is shared, and nobody will.", "Jun Park"),
    ]


SINGLE_MARKS_PLURAL_END = case(
    "Kim Dale said the pay was ‘benchmarked against other ports’ and set by a ‘fair’ panel.\n\n"
    "Ana Ruiz called the vote ‘a win for the islanders’ today."
)


def test_a_quotation_in_single_marks_may_end_in_a_plural(site: BuiltSite) -> None:
    """A closing mark after a plural closes the quotation when no noun
    follows it, or when no other mark closes it."""
    assert found(site, SINGLE_MARKS_PLURAL_END) == [
        ("benchmarked against other ports", "Kim Dale"),
        ("fair", "Kim Dale"),
        ("a win for the islanders", "Ana Ruiz"),
    ]


SINGLE_MARKS_RUN_ON = case(
    "‘Three games in a week,’ Jun Park said. ‘The players are not machines. Give the players’ "
    "legs a rest.\n\n"
    "‘Nobody listens to us.’\n\n"
    "Kim Dale did not agree."
)


def test_a_second_part_in_single_marks_may_run_on_into_the_next_paragraph(
    site: BuiltSite,
) -> None:
    """ "‘…,’ he said. ‘The players … rest." with no closing mark, and the
    next paragraph opening with one: a quotation over both paragraphs."""
    assert found(site, SINGLE_MARKS_RUN_ON) == [
        (
            "Three games in a week. The players are not machines. Give the players’ legs a rest. "
            "Nobody listens to us.",
            "Jun Park",
        ),
    ]


TENSES_AND_LABELS = case(
    "« We suffer every day », estimates Kim Dale, who runs a bakery.\n\n"
    "Lea Moro hit back, saying the council had “no right” to speak.\n\n"
    "Jun Park repeated that the port “will not yield”.\n\n"
    "Kim Dale retired in May. “I was done at 29,” she said quietly. “Nobody tells you.”\n\n"
    "15:58 — Ana Ruiz spoke to reporters at the quay. “This is the worst storm in years,” "
    "she said.\n\n"
    "13:40 — All sailings to the islands are cancelled for the rest of the day, Jun Park said."
    "\n\nKim Dale won. Asked whether her club were now favourites for promotion, she laughed.\n\n"
    "“Ask me again in May,” she laughs.\n\n"
    "Head judge Lea Moro was less kind. After the dance in week three she branded the pair "
    "‘a wardrobe that learned to walk’."
)


def test_a_subject_pronoun_after_an_adverbial_is_the_verb_s_subject(site: BuiltSite) -> None:
    """ "After the dance in week three she branded …": the verb's own subject,
    not the last speaker nearby."""
    last = site.article(TENSES_AND_LABELS).of_kind("quote")[-1]
    assert (last.data["speaker"], last.data["attribution"]) == ("Lea Moro", "sentence")


def test_verbs_in_any_tense_and_labels_opening_a_paragraph(site: BuiltSite) -> None:
    """Present and past forms of the verbs; ", saying" has the sentence's
    subject; an adverb may follow the verb; a time stamp opening the
    paragraph is no part of its first sentence."""
    assert found(site, TENSES_AND_LABELS) == [
        ("We suffer every day", "Kim Dale"),
        ("no right", "Lea Moro"),
        ("will not yield", "Jun Park"),
        ("I was done at 29. Nobody tells you.", "Kim Dale"),
        ("This is the worst storm in years", "Ana Ruiz"),
        ("All sailings to the islands are cancelled for the rest of the day", "Jun Park"),
        ("Ask me again in May", "Kim Dale"),
        ("a wardrobe that learned to walk", "Lea Moro"),
    ]


PORT_REPORT = "The port will reopen in May after the dredging ends, Ana Ruiz said on Tuesday."
DATELINES = [
    case("Jakarta (Nusapress) - " + PORT_REPORT),
    case("Jakarta (Nusapress) – " + PORT_REPORT),
    case("Jakarta, Indonesia (AP) — " + PORT_REPORT),
    case("Hanover (dpa/lni) - " + PORT_REPORT),
    case("Valencia, 8 apr (EFE).- " + PORT_REPORT),
    case("SEOUL, June 3 (Hanseong) -- " + PORT_REPORT),
    # Controls: a place in capitals.
    case("JAKARTA (Nusapress) - " + PORT_REPORT),
    case("JAKARTA, July 14 (Nusapress) — " + PORT_REPORT),
    # Capitals are any upper-case letters, accented ones too.
    case("VILA ÁGUEDA -- " + PORT_REPORT),
    case("ŽELINOVO — " + PORT_REPORT),
]


@pytest.mark.parametrize("slug", DATELINES)
def test_a_dateline_in_any_case_is_no_part_of_reported_speech(site: BuiltSite, slug: str) -> None:
    """A place (in capitals, or in any case with its agency in brackets),
    then a dash, opening a paragraph is a dateline, not words said."""
    assert found(site, slug) == [
        ("The port will reopen in May after the dredging ends", "Ana Ruiz")
    ]


NO_DATELINE = case(
    "Hanover - the capital, as the port calls it - will reopen in May after the dredging "
    "ends, Ana Ruiz said on Tuesday."
)


def test_a_place_and_a_dash_without_an_agency_is_no_dateline(site: BuiltSite) -> None:
    ((said, who),) = found(site, NO_DATELINE)
    assert said.startswith("Hanover - the capital") and who == "Ana Ruiz"


def dashed(dash: str) -> str:
    """Paragraphs where a dash stands, written with ``dash``."""
    return (
        f"NORHAVEN, June 3 (Portwire) {dash} Ana Ruiz on Tuesday urged the council to pass "
        f"the budget, saying exporters “cannot wait for politics.”\n\n"
        f"Born in Norhaven in 1961, Jun Park {dash} never one for small talk {dash} left the "
        f"hall early. “We will see in May,” he said.\n\n"
        f"«We are ready for talks, {dash} said Lea Moro. {dash} But not on these terms.»"
    )


TWO_HYPHENS = {dash: case(dashed(dash)) for dash in ("—", "--")}


@pytest.mark.parametrize("dash", TWO_HYPHENS)
def test_two_hyphens_are_a_dash_wherever_a_dash_is(site: BuiltSite, dash: str) -> None:
    """After a dateline, around an aside before the verb and around an
    attribution inside the marks, "--" reads as "—" does."""
    assert found(site, TWO_HYPHENS[dash]) == [
        ("cannot wait for politics.", "Ana Ruiz"),
        ("We will see in May", "Jun Park"),
        ("We are ready for talks. But not on these terms.", "Lea Moro"),
    ]


TWO_FRAGMENTS = case("Lea Moro said the plan was “reckless” and would end “in a dry dock”.")


def test_every_fragment_of_an_attributed_sentence_has_its_speaker(site: BuiltSite) -> None:
    assert found(site, TWO_FRAGMENTS) == [
        ("reckless", "Lea Moro"),
        ("in a dry dock", "Lea Moro"),
    ]


WIRE_AND_OBITUARY = case(
    "Jo Hart, of Monton Road, Norhaven, was arrested on Friday.\n\n"
    "“Nobody saw it coming on our street.”\n\n"
    "“This was a senseless attack,” Det. Insp. Kay Dunn, of the major incident team, said. "
    "“Our thoughts remain with his family.”\n\n"
    "“She did not run the newsroom so much as patrol it,” said Tom Pryor, who was her deputy "
    "for 14 years. “She walked the floor every night.”\n\n"
    "“I was done at 29,” she says, tucking into a full breakfast. “Nobody tells you.”\n\n"
    "“We closed no stations,” she said, to cheers from the benches. “You did.”\n\n"
    "“The ward is full,” she said, on Monday. “We need beds.”\n\n"
    "In a statement, her daughter said: “Mum loved the paper more than anything.”\n\n"
    "The hospital director, Dr Ann Sitoe, said the ward was full.\n\n"
    "The port had “always stood for peace,” Lea Moro said, and was ready to “play a role”.\n\n"
    "The agency quoted Jun Park as saying that the port saw “no obstacles” to a deal.\n\n"
    "«The road is shut», said Kay Dunn, that has led the crews all night. «Stay home».\n\n"
    "“We came home with nothing,” Kay Dunn says, now awake and holding a mug. “Not a penny.”"
)


def test_asides_clauses_and_wire_forms(site: BuiltSite) -> None:
    """ "Name, of Place," is the name; a "who" clause, a participle's clause
    or a phrase after the speaker keeps a split quotation one; "her daughter
    said"; "said the ward was full" is indirect speech; a later fragment
    after "X said, and"; "quoted X as saying"."""
    assert found(site, WIRE_AND_OBITUARY) == [
        ("Nobody saw it coming on our street.", "Jo Hart"),  # not "Monton Road"
        ("This was a senseless attack. Our thoughts remain with his family.", "Kay Dunn"),
        (
            "She did not run the newsroom so much as patrol it. She walked the floor every night.",
            "Tom Pryor",
        ),
        ("I was done at 29. Nobody tells you.", "Tom Pryor"),
        ("We closed no stations. You did.", "Tom Pryor"),
        ("The ward is full. We need beds.", "Tom Pryor"),
        ("Mum loved the paper more than anything.", "her daughter"),
        ("always stood for peace", "Lea Moro"),
        ("play a role", "Lea Moro"),
        ("no obstacles", "Jun Park"),
        ("The road is shut. Stay home", "Kay Dunn"),
        ("We came home with nothing. Not a penny.", "Kay Dunn"),
    ]


PRONOUN_LEAD_IN = case(
    "Kim Dale won the seat after midnight.\n\n"
    "She closed her speech with a message to her rivals.\n\n"
    "“To those who did not vote for us: I will serve you too.”"
)


def test_a_pronoun_opening_the_paragraph_before_names_the_speaker(site: BuiltSite) -> None:
    assert found(site, PRONOUN_LEAD_IN) == [
        ("To those who did not vote for us: I will serve you too.", "Kim Dale")
    ]


TIME_THEN_DAY = case(
    "The council met late. The count ran to 2 a.m. Friday in the port hall, Jun Park said."
)


def test_a_time_before_a_day_does_not_end_its_sentence(site: BuiltSite) -> None:
    article = site.article(TIME_THEN_DAY)
    (quote,) = article.of_kind("quote")
    assert article.exact(quote) == "The count ran to 2 a.m. Friday in the port hall"


FIRST_PERSON = case(
    "There are two ways to close the gap, said Jun Park. The city can borrow. "
    "Or we can raise the port fees, and I would prefer that.\n\n"
    "The council will vote in June."
)


def test_reported_speech_runs_on_while_it_speaks_in_the_first_person(site: BuiltSite) -> None:
    article = site.article(FIRST_PERSON)
    (quote,) = article.of_kind("quote")
    assert article.exact(quote).endswith("I would prefer that.")
    assert quote.data["text"].startswith("There are two ways to close the gap. The city")


INDIRECT = case(
    "Jun Park said the budget left a hole of two million. "
    "The mayor told reporters that the city would borrow. "
    "The port will close for a week in July, officials said. "
    "The fees will rise, Jun Park told reporters on Monday, only hours after the vote."
)


def test_indirect_speech_and_unnamed_sources_are_not_quotations(site: BuiltSite) -> None:
    assert found(site, INDIRECT) == []


JOINED_FRAGMENTS = case(
    "The minister left the meeting early. "
    "« It is a betrayal of the voters » and « a disgrace for the party », "
    "according to his entourage."
)


def test_quotations_joined_by_and_share_the_attribution_after_them(site: BuiltSite) -> None:
    """ "« A » and « B », according to his entourage": both are the
    entourage's (a group that speaks)."""
    assert found(site, JOINED_FRAGMENTS) == [
        ("It is a betrayal of the voters", "his entourage"),
        ("a disgrace for the party", "his entourage"),
    ]


SENTENCES_AND_SUBJECTS = case(
    "The utility said so in a post on X. Power could stay off until Thursday at the earliest, "
    "the company said.\n\n"
    "Jo Pike, the mayor, called it “a historic day for the town”. She also asked the council "
    "for “certain dates” for the hiring.\n\n"
    "The court heard Lea Moro demanded money and told the pensioner she would “burn the house "
    "down”.\n\n"
    "Ana Ruiz warned that the estimates “must be treated with caution”.\n\n"
    "Madam Ines Baro said the plan was “a disgrace”.\n\n"
    "But Tom Reid was not impressed. “It is a farce,” he fumed."
)


def test_sentence_ends_and_subjects_of_everyday_copy(site: BuiltSite) -> None:
    """ "on X." ends a sentence (the platform, no initial); a quotation that
    ends its sentence is no first part of a split one with the next
    sentence's; "The court heard X demanded … and told" is X's; "the
    estimates" is a noun; "Madam" is an honorific; a sentence that opens
    with "But" names its subject for "he"."""
    assert found(site, SENTENCES_AND_SUBJECTS) == [
        ("Power could stay off until Thursday at the earliest", "the company"),
        ("a historic day for the town", "Jo Pike"),
        ("certain dates", "Jo Pike"),
        ("burn the house down", "Lea Moro"),
        ("must be treated with caution", "Ana Ruiz"),
        ("a disgrace", "Ines Baro"),
        ("It is a farce", "Tom Reid"),
    ]


OUR_CORRESPONDENT = case(
    "The colonel, Ostap Lys, told our correspondent that the line was holding. "
    "We hold the line, but the infantry is tired, said Lys."
)


def test_our_before_the_outlet_s_own_people_is_no_first_person(site: BuiltSite) -> None:
    """ "told our correspondent that …" is the newspaper's voice: reported
    speech does not reach back over it."""
    assert found(site, OUR_CORRESPONDENT) == [
        ("We hold the line, but the infantry is tired", "Ostap Lys")
    ]


FIGURES_COMPARED = case(
    "Revenue rose to $412 million in the quarter, the company said, up from $380 million.\n\n"
    "Net retention was 118% in the period, Jun Park told analysts, down from 121%."
)


def test_reported_figures_may_be_compared_after_the_attribution(site: BuiltSite) -> None:
    """ "…, the company said, up from $380 million.": a comparison of the
    figure after the attribution, as business copy writes it."""
    assert found(site, FIGURES_COMPARED) == [
        ("Revenue rose to $412 million in the quarter", "the company"),
        ("Net retention was 118% in the period", "Jun Park"),
    ]


DEFINITE_GROUPS = case(
    "The funeral will be held on Friday in the cathedral, her family said.\n\n"
    "The quartet will play at the service in the cathedral, Vance’s relatives said."
)


def test_a_group_someone_s_possessive_names_is_a_source(site: BuiltSite) -> None:
    """ "…, her family said." and "…, Vance's relatives said." name the
    group, as "…, the police said." does: reported speech."""
    assert found(site, DEFINITE_GROUPS) == [
        ("The funeral will be held on Friday in the cathedral", "her family"),
        ("The quartet will play at the service in the cathedral", "Vance’s relatives"),
    ]


NESTED_MARKS = [
    case('«Forty houses remain. The firm "Nordbau" works shifts. We finish in May», said Jo Hart.'),
    case("«Forty houses remain. The firm «Nordbau» works shifts. We finish in May», said Jo Hart."),
    case('“Forty houses remain. The firm "Nordbau" works shifts. We finish in May,” said Jo Hart.'),
]


@pytest.mark.parametrize("slug", NESTED_MARKS)
def test_marks_inside_a_quotation_do_not_end_it(site: BuiltSite, slug: str) -> None:
    """A name or a quotation in marks inside a quotation («… the firm
    "Nordbau" …», «… «Nordbau» …») is part of it."""
    ((said, who),) = found(site, slug)
    assert said.startswith("Forty houses remain.") and said.endswith("We finish in May")
    assert who == "Jo Hart"


DASH_INCISE = case(
    "«We are ready for talks, – said Ana Ruiz. – But not on these terms.»\n\n"
    "«The houses will stand, – Jun Park noted, – if the weather holds.»\n\n"
    "“We will win — and I mean this — in May,” said Kay Dunn."
)


def test_an_attribution_between_dashes_inside_the_marks_splits_the_quotation(
    site: BuiltSite,
) -> None:
    """«…, – said X. – …»: the attribution between dashes is no part of the
    words; an aside between dashes with no verb of speech stays in them."""
    assert found(site, DASH_INCISE) == [
        ("We are ready for talks. But not on these terms.", "Ana Ruiz"),
        ("The houses will stand if the weather holds.", "Jun Park"),
        ("We will win — and I mean this — in May", "Kay Dunn"),
    ]


# ---------------------------------------------------------------- broken marks

UNCLOSED = case(
    "Jun Park warned that the fees would rise “by a third at least. "
    "The council has not yet voted on the plan, and a decision is expected in June."
)


def test_an_opening_mark_without_a_closing_one_stops_at_its_sentence(site: BuiltSite) -> None:
    article = site.article(UNCLOSED)
    (quote,) = article.of_kind("quote")
    assert article.exact(quote) == "by a third at least."
    assert quote.data["rule"] == "unclosed"


UNCLOSED_ATTRIBUTED = case(
    "“The buses arrived two hours late, said Dani Szabo at a news conference."
)


def test_an_opening_mark_without_a_closing_one_stops_at_the_attribution(
    site: BuiltSite,
) -> None:
    assert found(site, UNCLOSED_ATTRIBUTED) == [("The buses arrived two hours late", "Dani Szabo")]


UNOPENED = case(
    "The mayor spoke to residents. I lost my house, but my family is alive, "
    "“said Lena Horvat, a retired teacher."
)


def test_a_closing_mark_without_an_opening_one(site: BuiltSite) -> None:
    article = site.article(UNOPENED)
    (quote,) = article.of_kind("quote")
    assert article.exact(quote) == "I lost my house, but my family is alive,"
    assert (quote.data["speaker"], quote.data["role"]) == ("Lena Horvat", "a retired teacher")


WRONG_WAY = case("We must rebuild before winter, “said Piotr Varga.” The state has promised money.")


def test_marks_the_wrong_way_round_around_the_attribution(site: BuiltSite) -> None:
    (quote,) = site.article(WRONG_WAY).of_kind("quote")
    assert quote.data["text"] == "We must rebuild before winter. The state has promised money."
    assert quote.data["speaker"] == "Piotr Varga"


GUILLEMETS = case("The prefect Ilona Marek answered. » Every village was informed »» she said.")


def test_doubled_and_misplaced_guillemets(site: BuiltSite) -> None:
    assert found(site, GUILLEMETS) == [("Every village was informed", "Ilona Marek")]


# ---------------------------------------------------------------- not quotations

NOT_QUOTATIONS = [
    case(body)
    for body in (
        "The so-called “green lane” for refrigerated cargo stayed open.",
        "Critics call it a “windfall” tax on shipping.",
        "The film “The Last Summer of the Port” opened on Friday.",
        "The word “strike” does not appear in the statement.",
        "The leak was reported by the Ledger, which saw a note from a group that calls "
        "itself “Kelpie”.",
        "The minister said in statements to “Al-Masar” that prices would fall.",
        "Anatoly “Tolya” Petrov said the talks had failed.",
        "The so-called ‘green lane’ for refrigerated cargo stayed open.",
        "The new tablets have a 12\" screen and cost less than last year's model.",
        "## “We will not give up,” said the mayor\n\nThe council met.",
        '```\nprint("We will not give up," said_the_mayor)\n```\n\nThe council met.',
        'Run `say "We will win, said Ruiz"` to test it.',
    )
]


@pytest.mark.parametrize("slug", NOT_QUOTATIONS)
def test_not_quotations(site: BuiltSite, slug: str) -> None:
    assert found(site, slug) == []


ATTRIBUTED_WORD = case("Jun Park said the plan was “reckless.”")


def test_one_or_two_attributed_words_are_a_quotation(site: BuiltSite) -> None:
    assert found(site, ATTRIBUTED_WORD) == [("reckless.", "Jun Park")]


def test_the_speaker_stays_as_written_without_an_entity_plugin(site: BuiltSite) -> None:
    quotes = [a for slug in CASES for a in site.article(slug).of_kind("quote")]
    assert quotes and all(a.data["speaker_id"] is None and a.refs == () for a in quotes)


TITLE_IN_A_SENTENCE_WITH_A_VERB = case(
    "The board added a rule to its code, “The Harbour Promise,” in 2022.\n\n"
    "The association added sleep to its checklist, “Life's Essential 8,” last year."
)


def test_a_name_in_title_case_is_no_quotation_for_a_verb_elsewhere(site: BuiltSite) -> None:
    """A few words in Title Case are a name in marks, though the sentence
    holds a verb of speech ("added … to"); an attribution right after or
    before them would still make them a quotation."""
    assert found(site, TITLE_IN_A_SENTENCE_WITH_A_VERB) == []


# ---------------------------------------------------------------- entities

FAKE_ENTITIES = '''
"""Annotates known names as entities, the way an entity plugin does."""
import re
from briefgen import Annotation, hookimpl

PEOPLE = {"Ana Ruiz": ("ana-ruiz", "person"), "Ruiz": ("ana-ruiz", "person"),
          "Port Authority of Norhaven": ("port-authority", "organization"),
          "Lea Voss": ("lea-voss", "person"), "Mira Castell": ("mira-castell", "person"),
          "Dockers Union": ("dockers-union", "organization"),
          "Jean Moreau": ("jean-moreau", "person"), "Sam Hale": ("sam-hale", "person"),
          "Velmar Freight": ("velmar-freight", "organization"),
          "Norhaven Health Service": ("health-service", "organization"),
          "Ida Berg": ("ida-berg", "person"), "Norhaven": ("norhaven", "place"),
          "Tom Reid": ("tom-reid", "person"), "Rob Lane": ("rob-lane", "person")}
NAMES = {"norhaven": "Norhaven", "tom-reid": "Tom Reid", "rob-lane": "Rob Lane",
         "ana-ruiz": "Ana Ruiz",
         "port-authority": "Port Authority of Norhaven",
         "lea-voss": "Lea Voss", "mira-castell": "Mira Castell",
         "dockers-union": "Dockers Union", "jean-moreau": "Jean Moreau",
         "sam-hale": "Sam Hale", "velmar-freight": "Velmar Freight",
         "health-service": "Norhaven Health Service", "ida-berg": "Ida Berg"}
ROLES = {"ana-ruiz": "Spokeswoman of the Port Authority of Norhaven",
         "tom-reid": "Leader of the Opposition", "rob-lane": "Labour MP for Kelby North",
         "lea-voss": "Mayor of Norhaven", "mira-castell": "Head of the Dockers Union",
         "jean-moreau": "President of France",
         "sam-hale": "President of the United States",
         "health-service": "Public health agency of Norhaven",
         "ida-berg": "Chief financial officer of Velmar Freight"}

@hookimpl
def briefgen_annotation_kinds():
    return {"entity": "a known name"}

@hookimpl
def briefgen_annotate(article):
    found = []
    for surface, (ident, kind) in PEOPLE.items():
        for m in re.finditer(r"\\b" + re.escape(surface) + r"\\b", article.text):
            if any(a.start <= m.start() < a.end for a in found):
                continue
            data = {"id": ident, "name": NAMES[ident], "kind": kind}
            if ident in ROLES:
                data["role"] = ROLES[ident]
            found.append(Annotation(m.start(), m.end(), "entity", data,
                         refs=("entities/" + ident,), inline=False))
    return found
'''


@pytest.fixture
def fake_entities(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Files for a site whose entity plugin is ours, run before quotes."""
    monkeypatch.setenv("BRIEFGEN_PLUGINS", "quotes,fake_entities")
    return ENTITY_SITE


ENTITY_SITE = {
    "plugins/fake_entities.py": FAKE_ENTITIES,
    "site.yml": "title: T\nplugins:\n  fake_entities: {}\n  quotes: {}\n",
}


def test_the_company_is_the_last_business_named_and_a_statement_its_owner_s(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    body = (
        "Velmar Freight was fined by the Port Authority of Norhaven.\n\n"
        "“We will appeal the fine,” the company said.\n\n"
        "“The fine stands,” the authority said.\n\n"
        "The company's statement said the ruling was “unfair to our crews.”"
    )
    article = build(tmp_path, body, **fake_entities)
    assert [who[:2] for who in speakers(article)] == [
        ("Velmar Freight", "velmar-freight"),
        ("Port Authority of Norhaven", "port-authority"),
        ("Velmar Freight", "velmar-freight"),
    ]
    # A public body is no company.
    body = "The Port Authority of Norhaven met.\n\n“We will appeal the fine,” the company said."
    article = build(tmp_path / "b", body, **fake_entities)
    assert speakers(article) == [("the company", None, None)]


def test_an_organisation_word_finds_the_organisation_by_its_role_too(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "The agency" is the Norhaven Health Service, a "Public health agency";
    "the CFO" the person whose role is "Chief financial officer"."""
    body = (
        "The Norhaven Health Service and Ida Berg of Velmar Freight met.\n\n"
        "“Prevention matters more than any pill,” the agency said.\n\n"
        "“Margins will recover by the spring,” the CFO added.\n\n"
        "Lea Voss met the press.\n\n"
        "“Not one boat will be turned away,” the MN said."
    )
    article = build(tmp_path, body, **fake_entities)
    assert [who[:2] for who in speakers(article)] == [
        ("Norhaven Health Service", "health-service"),
        ("Ida Berg", "ida-berg"),
        ("Lea Voss", "lea-voss"),  # "MN": "Mayor of Norhaven"
    ]


def test_a_spokeswoman_for_an_organisation_is_a_she(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    body = (
        "“He never had the sequins,” says Jean Moreau.\n\n"
        "A Velmar Freight spokeswoman said nine million viewers had watched. "
        "“Darren has captured the nation's heart,” she added."
    )
    article = build(tmp_path, body, **fake_entities)
    assert [who[:2] for who in speakers(article)] == [
        ("Jean Moreau", "jean-moreau"),
        ("Velmar Freight", "velmar-freight"),
    ]


def test_speakers_resolve_to_entities_from_earlier_annotations(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    body = (
        "Port spokeswoman Ana Ruiz opened the meeting.\n\n"
        "“The cranes are safe,” Ruiz said.\n\n"
        "“The reports are public,” she added.\n\n"
        "“Nobody asked us,” said Jun Park."
    )
    article = build(tmp_path, body, **fake_entities)
    quotes = article.of_kind("quote")
    assert [(q.data["speaker"], q.data["speaker_id"]) for q in quotes] == [
        ("Ana Ruiz", "ana-ruiz"),
        ("Ana Ruiz", "ana-ruiz"),
        ("Jun Park", None),
    ]
    assert quotes[0].refs == ("entities/ana-ruiz",)
    assert quotes[2].refs == ()


def test_an_honorific_before_a_known_name_is_no_role(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    body = (
        "Ana Ruiz spoke first.\n\n“The cranes are safe,” Mr Ruiz said.\n\n"
        "“They are,” Port spokeswoman Ruiz said."
    )
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [
        ("Ana Ruiz", "ana-ruiz", None),
        ("Ana Ruiz", "ana-ruiz", "Port spokeswoman"),
    ]


def test_the_person_a_speaker_works_for_is_not_the_speaker(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """A person named in a possessive role, in the role before a name, or
    after "for" is whom the speaker works for."""
    body = (
        "Ana Ruiz appeared in court on Monday.\n\n"
        "“My client will give her account,” Ruiz's solicitor, Tom Baker, said.\n\n"
        "“We will appeal the ruling next week,” Ruiz's solicitor said.\n\n"
        "“The ruling is wrong,” a lawyer for Ruiz said.\n\n"
        "“The cranes were safe,” Ruiz aide Tom Baker said.\n\n"
        "“They were,” Ruiz said."
    )
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [
        ("Tom Baker", None, "Ruiz's solicitor"),
        ("Ruiz's solicitor", None, None),
        ("lawyer for Ruiz", None, None),
        ("Tom Baker", None, "Ruiz aide"),
        ("Ana Ruiz", "ana-ruiz", None),
    ]


def test_a_description_resolves_to_the_organisation_mentioned_before(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    body = (
        "The Port Authority of Norhaven published its figures on Monday.\n\n"
        "“Traffic fell by a tenth,” the authority said."
    )
    article = build(tmp_path, body, **fake_entities)
    (quote,) = article.of_kind("quote")
    assert quote.data["speaker_id"] == "port-authority"
    assert quote.data["speaker"] == "Port Authority of Norhaven"


def test_a_role_that_names_a_place_before_the_person_is_theirs(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "the mayor of Norhaven Lea Voss": the place belongs to the role, and
    Lea Voss speaks (the "of" does not make her the one the speaker serves)."""
    body = "«The quay is shut», declared the mayor of Norhaven Lea Voss."
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [("Lea Voss", "lea-voss", "mayor of Norhaven")]


def test_the_n_year_old_is_the_person_the_article_gave_that_age(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "said the 52-year-old" is the person given that age ("Lea Voss, the
    52-year-old mayor"), not the last person named; with no such age, it is.
    The epithet used again ("The 52-year-old has been upset since Ana Ruiz
    …") gives nobody the age."""
    body = (
        "Lea Voss, the 52-year-old mayor, met Ana Ruiz at the quay.\n\n"
        "“The quay is ours,” Ana Ruiz said.\n\n"
        "“We will open at six,” said the 52-year-old.\n\n"
        "“The cranes are ready,” said the 40-year-old.\n\n"
        "The 52-year-old has been upset since Ana Ruiz took the port.\n\n"
        "The 52-year-old later told the council: “We will not give up.”"
    )
    article = build(tmp_path, body, **fake_entities)
    assert [who[:2] for who in speakers(article)] == [
        ("Ana Ruiz", "ana-ruiz"),
        ("Lea Voss", "lea-voss"),
        ("Lea Voss", "lea-voss"),
        ("Lea Voss", "lea-voss"),
    ]


def test_a_place_after_in_is_where_the_speakers_are(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "Officials in Norhaven", "police in Norhaven": a group or a
    description in a place speaks, not the place; and the place named
    alone later is not that group. A place speaks only as the whole name,
    not as part of one ("Freight Norhaven") or of a description."""
    body = (
        "Officials in Norhaven said the talks were “useful.”\n\n"
        "“It is calm,” police in Norhaven said.\n\n"
        "The port ministry in Norhaven spoke of “a fair deal.”\n\n"
        "“We will respond,” Norhaven said.\n\n"
        "Freight Norhaven said the depots were “short of workers.”\n\n"
        "Norhaven's port ministry said it was “surprised.”"
    )
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [
        ("Officials in Norhaven", None, None),
        ("police in Norhaven", None, None),
        ("The port ministry in Norhaven", None, None),
        ("Norhaven", "norhaven", None),
        ("Freight Norhaven", None, None),
        ("Norhaven's port ministry", None, None),
    ]


def test_the_member_for_a_place_is_its_mp_and_a_spokesman_for_someone_is_not_them(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """A name after "<role> for" is whom the role serves: a constituency
    ("the member for Kelby North", whose role is "MP for Kelby North")
    or a person ("a spokesman for Lea Voss" is not Lea Voss)."""
    body = (
        "Rob Lane asked about officers.\n\n"
        "“Then answer,” the member for Kelby North said.\n\n"
        "“Now,” the MP for Kelby North said.\n\n"
        "“It is over,” said a spokesman for Lea Voss."
    )
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [
        ("Rob Lane", "rob-lane", "member for Kelby North"),
        ("Rob Lane", "rob-lane", "MP for Kelby North"),
        ("spokesman for Lea Voss", None, None),
    ]


def test_a_source_close_to_an_entity_is_not_that_entity(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """Whom or what a described source knows ("close to Lea Voss",
    "familiar with the Dockers Union") is not who speaks."""
    body = (
        "“It is over,” said a source close to Lea Voss.\n\n"
        "A person familiar with the Dockers Union said: “The vote is lost.”"
    )
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [
        ("a source close to Lea Voss", None, None),
        ("A person familiar with the Dockers Union", None, None),
    ]


def test_a_title_opening_a_sentence_is_the_person_a_pronoun_stands_for(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "The mayor did not rule it out. “…,” she said.": she is the person
    whose role holds the title (or the title as written), not the last
    person who spoke; a description with no title is no such opener."""
    body = (
        "Lea Voss and Ana Ruiz toured the quay.\n\n"
        "“The cranes are safe,” Ana Ruiz said.\n\n"
        "The mayor did not rule out a deal. “We will talk to anyone,” she said.\n\n"
        "The finance minister did not rule it out either. “Ask me in May,” she said.\n\n"
        "The new clerk did not rule it out. “Ask the mayor,” she said.\n\n"
        "“Traffic is up,” the river board said. The new plan was approved. “It works,” it said."
    )
    article = build(tmp_path, body, **fake_entities)
    assert [who[:2] for who in speakers(article)] == [
        ("Ana Ruiz", "ana-ruiz"),
        ("Lea Voss", "lea-voss"),
        ("The finance minister", None),
        ("The finance minister", None),
        ("the river board", None),
        ("the river board", None),
    ]


def speakers(article: BuiltArticle) -> list[tuple[str, str | None, str | None]]:
    """(speaker, entity id, role) of every quotation, in order."""
    return [
        (q.data["speaker"], q.data["speaker_id"], q.data["role"]) for q in article.of_kind("quote")
    ]


def test_a_title_resolves_to_the_person_mentioned_before_whose_role_it_is(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "The mayor" is the last person mentioned before whose role (from the
    registry, through the entity annotation's data) holds every word of the
    title; a title no role holds, or one that introduces someone ("a
    mayor"), stays as written, as does the title of someone introduced since
    ("a senior mayor of the north … “…,” the mayor said"), but not a title
    with a word the introduction lacks ("a harbour mayor" … "the Norhaven
    mayor")."""
    body = (
        "Lea Voss toured the quay with Ana Ruiz on Monday.\n\n"
        "“The gates open at six,” the mayor said.\n\n"
        "“The cranes are safe,” said the port authority's spokesman.\n\n"
        "“Nobody asked the north,” said a mayor from the coast.\n\n"
        "“Talks go on,” the prime minister said.\n\n"
        "A senior mayor of the north, who asked not to be named, spoke next. “Nobody asked "
        "us,” the mayor said.\n\n"
        "Lea Voss answered. Policing is local, a point the mayor made with relish. “I am "
        "grateful for the question,” the mayor said.\n\n"
        "Tom Reid spoke next.\n\n"
        "“The gates stay open,” the Leader of the Opposition said.\n\n"
        "“The quay is ours,” the Opposition Leader said.\n\n"
        "Lea Voss left. A harbour mayor, Jo Hart, arrived. “We will help,” the Norhaven mayor said."
    )
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [
        ("Lea Voss", "lea-voss", "mayor"),
        ("Ana Ruiz", "ana-ruiz", "port authority's spokesman"),
        ("a mayor", None, None),
        ("the prime minister", None, None),
        ("the mayor", None, None),
        ("Lea Voss", "lea-voss", "mayor"),
        ("Tom Reid", "tom-reid", "Leader of the Opposition"),
        ("Tom Reid", "tom-reid", "Opposition Leader"),
        ("Lea Voss", "lea-voss", "Norhaven mayor"),
    ]


def test_a_title_in_apposition_to_a_name_introduces_no_one_else(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "Sam Hale, a former deputy mayor who ran the port, …": the title
    describes the name before it, so a later "the mayor" is still the
    person whose role holds it; a title with no name before it introduces
    someone new."""
    body = (
        "Lea Voss toured the quay.\n\n"
        "Sam Hale, a former deputy mayor who ran the port, joined her.\n\n"
        "“The gates open at six,” the mayor said.\n\n"
        "Later a deputy mayor from the coast spoke. “Nobody asked us,” the mayor said."
    )
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [
        ("Lea Voss", "lea-voss", "mayor"),
        ("the mayor", None, None),
    ]


def test_the_speaker_is_a_title_and_an_honorific_no_part_of_a_role(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "Council speaker Cllr X suspended the sitting": "speaker" is a title,
    so the sentence opens with X for "she"; "Cllr" and "Mr" between a role
    and a name belong to neither."""
    body = (
        "“We will not pay,” Opposition leader Cllr Tom Reid said.\n\n"
        "Council speaker Cllr Lea Voss suspended the sitting twice. When it resumed, she "
        "warned members that the chamber was “not a market”.\n\n"
        "“Order, order,” said council treasurer Mr Sam Hale."
    )
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [
        ("Tom Reid", "tom-reid", "Opposition leader"),
        ("Lea Voss", "lea-voss", "Council speaker"),
        ("Sam Hale", "sam-hale", "council treasurer"),
    ]


def test_an_organisation_named_later_never_speaks_for_a_description(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "the authority said" before any authority is named stays as written:
    the one the article names later is not the one that spoke."""
    body = (
        "“The quay is closed until Friday,” the authority said.\n\n"
        "Later the Port Authority of Norhaven met. “It will reopen,” the authority said."
    )
    article = build(tmp_path, body, **fake_entities)
    assert [who[:2] for who in speakers(article)] == [
        ("the authority", None),
        ("Port Authority of Norhaven", "port-authority"),
    ]


def test_sources_close_to_someone_speak_as_a_whole(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "Sources close to X told …", "people familiar with X said": the
    plural description speaks as a whole, as "a source close to X" does,
    never X, registered or not."""
    body = (
        "Sources close to Tom Reid told the paper that he “did not close the door”.\n\n"
        "Sources close to the Port Authority of Norhaven said the quay would “reopen soon”.\n\n"
        "Diplomatic sources close to the presidency said the talks were “at a standstill”."
    )
    article = build(tmp_path, body, **fake_entities)
    assert [who[:2] for who in speakers(article)] == [
        ("Sources close to Tom Reid", None),
        ("Sources close to the Port Authority of Norhaven", None),
        ("sources close to the presidency", None),
    ]


def test_a_title_with_an_organisation_as_written_finds_its_holder(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "the DU head said", the role reading "Head of the DU" while the
    registry calls the union "Dockers Union": the words as written count
    for the title, as the registry's name does."""
    files = dict(fake_entities)
    files["plugins/fake_entities.py"] = FAKE_ENTITIES.replace(
        '"mira-castell": "Head of the Dockers Union"', '"mira-castell": "Head of the DU"'
    ).replace(
        '"Dockers Union": ("dockers-union", "organization"),',
        '"Dockers Union": '
        '("dockers-union", "organization"), "DU": ("dockers-union", "organization"),',
    )
    body = "Mira Castell toured the quay.\n\n“We will not strike,” the DU head said."
    article = build(tmp_path, body, **files)
    assert [who[:2] for who in speakers(article)] == [("Mira Castell", "mira-castell")]


def test_someone_of_an_organisation_is_not_the_organisation(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "One Dockers Union official", "a senior Velmar Freight source", "a
    former engineer at the Dockers Union": one of them speaks, not the
    organisation; its spokesman speaks for it. "his written warning" is a
    noun, no verb of speech."""
    body = (
        "“We will strike,” one Dockers Union official said.\n\n"
        "A senior Velmar Freight source said the deal was “dead”.\n\n"
        "“The deal stands,” a Velmar Freight spokesman said.\n\n"
        "“I waited two hours for a crate,” wrote one Velmar Freight customer.\n\n"
        "“Worth every minute,” said a Dockers Union fan."
    )
    body += (
        "\n\nA former engineer at the Dockers Union told the inquiry that his written "
        "warning “went nowhere”."
    )
    article = build(tmp_path, body, **fake_entities)
    assert [who[:2] for who in speakers(article)] == [
        ("one Dockers Union official", None),
        ("A senior Velmar Freight source", None),
        ("Velmar Freight", "velmar-freight"),
        ("one Velmar Freight customer", None),
        ("a Dockers Union fan", None),
        ("A former engineer at the Dockers Union", None),
    ]


def test_a_statement_introduced_before_speaks_for_its_issuer(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "In a statement, a Velmar Freight spokesman said …" then "“…,” the
    statement added": the statement is the one its issuer gave; a statement
    nobody was said to issue stays as written."""
    body = (
        "In a statement, a Velmar Freight spokesman said the company “never promised "
        "a date”.\n\n"
        "“We wish the dockers every success,” the statement added.\n\n"
        "“Nothing will change,” the letter said."
    )
    assert [who[:2] for who in speakers(build(tmp_path, body, **fake_entities))] == [
        ("Velmar Freight", "velmar-freight"),
        ("Velmar Freight", "velmar-freight"),
        ("the letter", None),
    ]


def test_a_prefect_is_a_title_the_registry_s_role_holds(tmp_path: Path) -> None:
    """ "declared the prefect": the person whose role is "Prefect of …", as
    "the mayor" is the mayor."""
    body = (
        "Jo Hart visited the flooded villages on Sunday.\n\n"
        "« No victim will be forgotten », declared the prefect."
    )
    entities = {
        "content/entities/jo-hart.md": (
            "---\nname: Jo Hart\nkind: person\nrole: Prefect of the Haute-Varenne\n---\n"
        ),
    }
    assert speakers(build(tmp_path, body, **entities)) == [("Jo Hart", "jo-hart", "prefect")]


def test_the_head_of_a_registry_role_is_a_title_the_lists_need_not_know(tmp_path: Path) -> None:
    """ "the harbourmaster said": the person mentioned whose role is
    "Harbourmaster of …" (a word the title lists do not hold), as "the
    mayor" is the mayor; a word no role of the article's people has still
    names nobody."""
    body = (
        "Jo Hart closed the quay at dawn.\n\n"
        "“Nobody sails tonight,” the harbourmaster said.\n\n"
        "“It is a shame,” the ferryman said."
    )
    entities = {
        "content/entities/jo-hart.md": (
            "---\nname: Jo Hart\nkind: person\nrole: Harbourmaster of Norhaven\n---\n"
        ),
    }
    assert [who[:2] for who in speakers(build(tmp_path, body, **entities))] == [
        ("Jo Hart", "jo-hart"),
        ("the ferryman", None),
    ]


def test_a_title_s_office_is_no_organisation_named_office(tmp_path: Path) -> None:
    """ "the minister's office said" speaks as written, not as the last
    organisation with "Office" in its name; "the office said" still is it."""
    body = (
        "The Harbour Office published the figures on Monday.\n\n"
        "“No deal was signed,” the minister’s office said.\n\n"
        "“The figures stand,” the office said."
    )
    entities = {
        "content/entities/harbour-office.md": (
            "---\nname: Harbour Office\nkind: organization\n---\n"
        ),
    }
    assert [who[:2] for who in speakers(build(tmp_path, body, **entities))] == [
        ("the minister’s office", None),
        ("Harbour Office", "harbour-office"),
    ]


def test_a_source_of_an_organisation_is_no_voice_of_it(tmp_path: Path) -> None:
    """ "A source of the Harbour Office" (as translated copy writes "a
    source in"), "a source in it" and "an official at it" speak as
    written, never as the office, as "a source close to" does."""
    body = (
        "A source of the Harbour Office said the mayor was “deeply irritated” by the leak.\n\n"
        "A source in the Harbour Office said the mayor was “ready to resign” over it.\n\n"
        "An official at the Harbour Office said the leak was “a betrayal of trust”.\n\n"
        "A source of the harbour office said the mayor was “not coming back”."
    )
    entities = {
        "content/entities/harbour-office.md": (
            "---\nname: Harbour Office\nkind: organization\n---\n"
        ),
    }
    assert [who[:2] for who in speakers(build(tmp_path, body, **entities))] == [
        ("A source of the Harbour Office", None),
        ("A source in the Harbour Office", None),
        ("An official at the Harbour Office", None),
        ("A source of the harbour office", None),
    ]


def test_an_age_before_a_title_is_no_word_of_the_title(tmp_path: Path) -> None:
    """ "said the 31-year-old captain": the captain, whatever the age."""
    body = "Jo Hart scored twice.\n\n“We deserved it,” said the 31-year-old captain."
    entities = {
        "content/entities/jo-hart.md": (
            "---\nname: Jo Hart\nkind: person\nrole: Captain of Norhaven Rovers\n---\n"
        ),
    }
    assert speakers(build(tmp_path, body, **entities)) == [
        ("Jo Hart", "jo-hart", "31-year-old captain")
    ]


def test_a_title_in_initials_is_the_person_whose_role_they_abbreviate(tmp_path: Path) -> None:
    """ "the CM", "the DA" and "the D.A." stand for the role words their
    letters begin ("Chief Minister of …", "District Attorney of …")."""
    body = (
        "Jo Hart and Sam Hale met the families.\n\n"
        "“He should not have had a gun,” the DA said.\n\n"
        "“The case is open,” the D.A. said.\n\n"
        "“We will pay for the funerals,” the CM asserted.\n\n"
        "Lea Moro nodded. “It is lawful,” the AG said."
    )
    entities = {
        "content/entities/jo-hart.md": (
            "---\nname: Jo Hart\nkind: person\nrole: District Attorney of Norhaven\n---\n"
        ),
        "content/entities/sam-hale.md": (
            "---\nname: Sam Hale\nkind: person\nrole: Chief Minister of Velmar\n---\n"
        ),
        "content/entities/lea-moro.md": (
            "---\nname: Lea Moro\nkind: person\nrole: Attorney-General of Velmar\n---\n"
        ),
    }
    assert speakers(build(tmp_path, body, **entities)) == [
        ("Jo Hart", "jo-hart", "DA"),
        ("Jo Hart", "jo-hart", "D.A."),
        ("Sam Hale", "sam-hale", "CM"),
        ("Lea Moro", "lea-moro", "AG"),
    ]


def test_a_title_in_initials_for_an_organisation_is_the_person_not_it(tmp_path: Path) -> None:
    """ "the CS for Treasury told": the person whose role the initials
    abbreviate and names the organisation, not the organisation."""
    body = (
        "Jo Hart met the committee with the National Treasury team.\n\n"
        "“Nobody likes new taxes,” the CS for Treasury told the senators."
    )
    entities = {
        "content/entities/jo-hart.md": (
            "---\nname: Jo Hart\nkind: person\n"
            "role: Cabinet Secretary for the National Treasury\n---\n"
        ),
        "content/entities/national-treasury.md": (
            "---\nname: National Treasury\nkind: organization\naliases: [Treasury]\n---\n"
        ),
    }
    assert speakers(build(tmp_path, body, **entities)) == [
        ("Jo Hart", "jo-hart", "CS for Treasury")
    ]


def test_a_title_with_a_nationality_finds_the_role_that_names_the_country(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "The Norhaveni mayor" is "Mayor of Norhaven" (the same first five
    letters), "the French president" is "President of France" (a known
    nationality); "the French mayor" is nobody: France is not in her role."""
    body = (
        "Lea Voss toured the quay with Jean Moreau.\n\n"
        "“The gates open at six,” said the Norhaveni mayor.\n\n"
        "“France will help,” said the French president.\n\n"
        "“They do not,” said the French mayor."
    )
    article = build(tmp_path, body, **fake_entities)
    assert [who[:2] for who in speakers(article)] == [
        ("Lea Voss", "lea-voss"),
        ("Jean Moreau", "jean-moreau"),
        ("the French mayor", None),
    ]


def test_a_title_with_a_country_s_initials_finds_the_role_that_names_it(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "The US president", "the U.S. president" and "the American
    president" are "President of the United States"; the French president
    is still France's."""
    body = (
        "Sam Hale met Jean Moreau in Norhaven.\n\n"
        "“We agree on the quay,” said the US president.\n\n"
        "“Nous aussi,” said the French president.\n\n"
        "“The money is there,” the U.S. president added.\n\n"
        "“It will be built,” said the American president.\n\n"
        "“It will not,” said the UK president."
    )
    article = build(tmp_path, body, **fake_entities)
    assert [who[:2] for who in speakers(article)] == [
        ("Sam Hale", "sam-hale"),
        ("Jean Moreau", "jean-moreau"),
        ("Sam Hale", "sam-hale"),
        ("Sam Hale", "sam-hale"),
        ("the UK president", None),
    ]


def test_a_title_never_reaches_forward_to_a_person_mentioned_later(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    body = "“The gates open at six,” the mayor said.\n\nLea Voss left at noon."
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [("the mayor", None, None)]


def test_the_head_of_an_organisation_is_the_person_whose_role_says_so(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """ "The head of the Dockers Union" is Mira Castell once she has been
    mentioned (her role reads "Head of the Dockers Union"); before that,
    the union itself speaks, as it always did."""
    said = 'The head of the Dockers Union said the strike was "far from over".'
    before = build(tmp_path / "a", said, **fake_entities)
    assert speakers(before) == [("Dockers Union", "dockers-union", "head")]
    after = build(tmp_path / "b", f"Mira Castell arrived first.\n\n{said}", **fake_entities)
    assert speakers(after) == [("Mira Castell", "mira-castell", "head of the Dockers Union")]
    # "A spokeswoman for" the authority is someone not named, whoever was.
    body = (
        "Ana Ruiz arrived first.\n\n"
        "“Traffic fell,” said a spokeswoman for the Port Authority of Norhaven."
    )
    (who,) = speakers(build(tmp_path / "c", body, **fake_entities))
    assert who[:2] == ("Port Authority of Norhaven", "port-authority")


def test_a_title_opening_the_sentence_speaks_the_quotation_after_its_colon(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    """'A senior official was less patient: "..."': the quotation is the
    official's, not the last speaker's before; a definite title resolves."""
    body = (
        "“The cranes are safe,” Ana Ruiz said.\n\n"
        "A senior official was less patient: “We have waited a month.”\n\n"
        "Lea Voss came later. The mayor sounded tired: “Everyone wants the quay open.”"
    )
    article = build(tmp_path, body, **fake_entities)
    assert speakers(article) == [
        ("Ana Ruiz", "ana-ruiz", None),
        ("A senior official", None, None),
        ("Lea Voss", "lea-voss", "mayor"),
    ]


def test_the_exported_annotations_carry_the_quotation(
    tmp_path: Path, fake_entities: dict[str, str]
) -> None:
    article = build(tmp_path, "“The cranes are safe,” Ana Ruiz said.", **fake_entities)
    items = article.exported["first"]["items"]
    (item,) = [i for i in items if i["body"]["kind"] == "quote"]
    assert item["body"]["value"]["speaker_id"] == "ana-ruiz"
    assert item["target"]["selector"][0]["exact"] == "The cranes are safe,"
