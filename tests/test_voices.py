"""Quotes, speakers and voices: the behaviour `propalens.voices` promises."""

from __future__ import annotations

from propalens.schema import Quote, Span
from propalens.voices import assign_voices, find_quotes, voice_shares


def quotes_in(text: str) -> list[Quote]:
    return find_quotes(text, [(0, len(text))])


def quote_with(quotes: list[Quote], words: str) -> Quote:
    matches = [q for q in quotes if words in q.text]
    assert matches, f"no quote holds {words!r}: {[q.text for q in quotes]}"
    return min(matches, key=lambda q: len(q.text))


def test_a_straight_double_quote_is_found_without_its_marks() -> None:
    text = '"We will respond to this provocation," Lavrov said.'
    quote = quote_with(quotes_in(text), "provocation")
    assert quote.text == "We will respond to this provocation,"
    assert quote.kind == "direct"
    assert quote.speaker == "Lavrov"


def test_curly_quotes_and_a_mixed_closing_mark_are_paired() -> None:
    text = '“This was their calling, and they did it right," Morbitzer said.'
    quote = quote_with(quotes_in(text), "calling")
    assert quote.text == "This was their calling, and they did it right,"


def test_single_quotes_are_quotes_but_apostrophes_are_not() -> None:
    text = "Russia's envoy said the claims were 'absolutely groundless' and left Moscow's talks."
    quotes = quotes_in(text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.text for q in direct] == ["absolutely groundless"]
    assert all("s envoy" not in q.text for q in quotes)


def test_a_plural_possessive_apostrophe_opens_no_quote() -> None:
    text = "Pope Francis' commission met on Monday. The bishops' letter was published."
    assert [q for q in quotes_in(text) if q.kind == "direct"] == []


def test_a_quote_over_several_sentences_is_one_quote() -> None:
    text = (
        'Tanya Badger said the police were slow.\n"They were dragging their feet.\n'
        'They were taking too long," said Tanya Badger.'
    )
    quote = quote_with(quotes_in(text), "dragging")
    assert quote.text == "They were dragging their feet.\nThey were taking too long,"
    assert quote.speaker == "Tanya Badger"


def test_a_quote_left_open_at_a_paragraph_end_ends_there() -> None:
    text = (
        "Anne Marie Waters also spoke at the rally.\n"
        "“Why is it so easy to jail Tommy Robinson?\n"
        "“Why is it so hard to jail the gangs?” she continued."
    )
    quotes = quotes_in(text)
    first = quote_with(quotes, "so easy")
    assert first.text == "Why is it so easy to jail Tommy Robinson?"
    assert first.speaker == "Anne Marie Waters"


def test_a_partial_quote_inside_a_sentence_takes_the_sentence_speaker() -> None:
    text = 'The president described Acosta as "unbelievably rude," President Trump said.'
    quote = quote_with(quotes_in(text), "unbelievably")
    assert quote.text == "unbelievably rude,"
    assert quote.speaker == "Trump"


def test_a_continuation_quote_without_a_verb_belongs_to_the_previous_speaker() -> None:
    text = (
        '"I had no probable cause to go onto this property," Sheriff Jerry Hogrefe said.\n'
        '"In hindsight I wish there was, but we would not have been there lawfully."'
    )
    quote = quote_with(quotes_in(text), "hindsight")
    assert quote.speaker == "Jerry Hogrefe"


def test_indirect_speech_with_said_that_is_the_reported_clause() -> None:
    text = "Russian Foreign Minister Sergey Lavrov said that Moscow would respond in kind."
    quote = quote_with(quotes_in(text), "Moscow")
    assert quote.kind == "indirect"
    assert quote.text == "Moscow would respond in kind"
    assert quote.speaker == "Sergey Lavrov"


def test_indirect_speech_with_a_trailing_frame() -> None:
    text = "He is expected to survive, police said."
    quote = quote_with(quotes_in(text), "survive")
    assert (quote.kind, quote.text, quote.speaker) == (
        "indirect",
        "He is expected to survive",
        "police",
    )


def test_indirect_speech_told_journalists_says_added_and_insisted() -> None:
    text = (
        "Maria Zakharova told journalists the report was fabricated.\n"
        "Dmitry Peskov says the talks will go on.\n"
        "Peskov added that no date had been set.\n"
        "Lavrov insisted Moscow had nothing to hide."
    )
    quotes = {q.text: q.speaker for q in quotes_in(text) if q.kind == "indirect"}
    assert quotes["the report was fabricated"] == "Maria Zakharova"
    assert quotes["the talks will go on"] == "Dmitry Peskov"
    assert quotes["no date had been set"] == "Dmitry Peskov"
    assert quotes["Moscow had nothing to hide"] == "Lavrov"


def test_according_to_attributes_the_rest_of_the_sentence() -> None:
    text = (
        "According to the Defense Ministry, the convoy was attacked twice.\n"
        "Lawson and Smith were old friends, according to the Justice Department."
    )
    quotes = {q.text: q.speaker for q in quotes_in(text)}
    assert quotes["the convoy was attacked twice"] == "Defense Ministry"
    assert quotes["Lawson and Smith were old friends"] == "Justice Department"


def test_cited_as_saying_names_the_cited_speaker() -> None:
    text = "Reuters cited a senior official as saying the deal was close."
    quote = quote_with(quotes_in(text), "deal was close")
    assert quote.speaker == "senior official"
    assert quote.text == "the deal was close"


def test_a_pronoun_speaker_resolves_to_the_latest_compatible_named_speaker() -> None:
    text = (
        "Foreign Ministry spokeswoman Maria Zakharova spoke on Thursday.\n"
        '"This is a provocation," she said.\n'
        "Sergey Lavrov agreed.\n"
        '"We will not be silent," he said.'
    )
    quotes = quotes_in(text)
    assert quote_with(quotes, "provocation").speaker == "Maria Zakharova"
    assert quote_with(quotes, "silent").speaker == "Sergey Lavrov"


def test_a_role_noun_speaker_resolves_to_the_named_holder_of_the_role() -> None:
    text = (
        "Russian Foreign Minister Sergey Lavrov met his Turkish counterpart.\n"
        '"We agreed on everything," the foreign minister said.\n'
        '"Nothing was left out," the Russian FM added.'
    )
    quotes = quotes_in(text)
    assert quote_with(quotes, "everything").speaker == "Sergey Lavrov"
    assert quote_with(quotes, "left out").speaker == "Sergey Lavrov"


def test_an_apposition_gives_the_name_not_the_role() -> None:
    text = "The Foreign Ministry's spokesperson, Maria Zakharova, said the claims were absurd."
    quote = quote_with(quotes_in(text), "absurd")
    assert quote.speaker == "Maria Zakharova"


def test_a_bare_surname_resolves_to_the_full_name_used_before() -> None:
    text = (
        "Westerville Police Chief Joe Morbitzer spoke on Sunday.\n"
        '"They were two of the best we had," Morbitzer said.'
    )
    assert quote_with(quotes_in(text), "best we had").speaker == "Joe Morbitzer"


def test_a_tweet_embed_belongs_to_its_account() -> None:
    text = (
        "The ministry responded online.\n"
        "The so-called evidence is a fake staged by the White Helmets.\n"
        "— Maria Zakharova (@MFA_Russia) April 9, 2018"
    )
    quote = quote_with(quotes_in(text), "White Helmets")
    assert quote.text == "The so-called evidence is a fake staged by the White Helmets."
    assert quote.speaker == "Maria Zakharova"
    assert quote.kind == "direct"


def test_scare_quotes_and_programme_titles_are_not_quotes() -> None:
    text = 'Paul told CNN\'s "State of the Union" that the so-called "experts" were wrong.'
    texts = [q.text for q in quotes_in(text) if q.kind == "direct"]
    assert "State of the Union" not in texts
    assert "experts" not in texts


def test_quotes_stay_inside_the_ranges_they_are_asked_for() -> None:
    text = 'Title line\n\n"We won," Trump said.\nBoilerplate "ignored," he said.'
    body_end = text.index("\nBoilerplate")
    quotes = find_quotes(text, [(0, body_end)])
    assert quotes and all(q.end <= body_end for q in quotes)
    assert all(text[q.start : q.end] == q.text for q in quotes)


def span(text: str, words: str, technique: str = "Loaded_Language") -> Span:
    start = text.index(words)
    return Span(
        start=start, end=start + len(words), text=words, technique=technique, confidence=0.9
    )


def test_a_span_inside_a_quote_is_quoted_and_carries_the_speaker() -> None:
    text = '"This is a disgraceful witch hunt," Trump said. The media lied again.'
    quotes = quotes_in(text)
    spans = [span(text, "disgraceful witch hunt"), span(text, "The media lied")]
    voiced = assign_voices(spans, quotes)
    assert (voiced[0].voice, voiced[0].speaker) == ("quoted", "Trump")
    assert (voiced[1].voice, voiced[1].speaker) == ("author", None)
    assert spans[0].voice is None  # the inputs are not changed


def test_a_span_counts_as_quoted_only_when_most_of_it_is_inside() -> None:
    text = 'The outlet wrote that "they lie" about everything and always have done so.'
    quote = Quote(
        start=text.index("they"), end=text.index("they") + 7, text="they lie", kind="direct"
    )
    voiced = assign_voices([span(text, 'they lie" about everything and always')], [quote])
    assert voiced[0].voice == "author"


def test_voice_shares_split_spans_between_author_and_quoted_voices() -> None:
    text = '"Traitors," he said. Cowards run the country.'
    quotes = quotes_in(text)
    voiced = assign_voices([span(text, "Traitors"), span(text, "Cowards run")], quotes)
    assert voice_shares(voiced) == {"author": 0.5, "quoted": 0.5}


def test_voice_shares_are_zero_without_spans() -> None:
    assert voice_shares([]) == {"author": 0.0, "quoted": 0.0}


def test_a_partial_quote_followed_by_and_added_takes_the_sentence_subject() -> None:
    text = (
        "Phil Saviano, a survivor of abuse, joined the panel.\n"
        "Saviano said the commission is “a good idea,” and added, “I’m not optimistic.”"
    )
    assert quote_with(quotes_in(text), "a good idea").speaker == "Phil Saviano"


def test_a_ministers_portfolio_is_part_of_the_title_not_a_second_name() -> None:
    text = (
        "Minister of Foreign Affairs and Trade Péter Szijjártó spoke on Tuesday.\n"
        "“We reject it,” Szijjártó said."
    )
    assert quote_with(quotes_in(text), "reject").speaker == "Péter Szijjártó"


def test_a_name_suffix_stays_with_the_full_name() -> None:
    text = (
        "Edward E. Curtis IV, a professor of religious studies, wrote a book on the movement.\n"
        "Curtis said the membership could be in the thousands today."
    )
    assert quote_with(quotes_in(text), "thousands").speaker == "Edward E. Curtis IV"


def test_a_group_noun_resolves_to_the_pair_named_before() -> None:
    text = (
        "House Speaker Nancy Pelosi and Senate Leader Chuck Schumer released a statement.\n"
        "The Democratic leaders said the report must be made public without delay."
    )
    quote = quote_with(quotes_in(text), "made public")
    assert quote.speaker == "Nancy Pelosi and Chuck Schumer"


def test_the_couple_resolves_to_the_family_named_before() -> None:
    text = (
        "Tanya Badger lives near the compound.\n"
        "The Badgers called the sheriff in January.\n"
        "The couple said they went back over the weekend to look around."
    )
    assert quote_with(quotes_in(text), "went back").speaker == "the Badgers"


def test_they_takes_up_a_plural_noun_earlier_in_its_sentence() -> None:
    text = (
        "Tanya and Jason Badger told authorities about the boy.\n"
        "The authorities' view changed Thursday when they said they received a message."
    )
    assert quote_with(quotes_in(text), "received a message").speaker == "authorities"


def test_a_bare_surname_opening_a_sentence_makes_that_person_the_latest() -> None:
    text = (
        "Prime Minister Viktor Orban gave a speech.\n"
        "Foreign Minister Péter Szijjártó said the quota was unacceptable.\n"
        "Orban has taken a tough stance.\n"
        "In December, he said that he was determined to defend the borders."
    )
    assert quote_with(quotes_in(text), "defend the borders").speaker == "Viktor Orban"


def test_a_shared_surname_resolves_to_the_person_mentioned_last() -> None:
    text = (
        "The movement was founded by Wallace Fard Muhammad in 1930.\n"
        "The picture was taken by the photojournalist Askia Muhammad at a meeting.\n"
        "Mr. Muhammad said that he was an admirer of the minister."
    )
    assert quote_with(quotes_in(text), "admirer").speaker == "Askia Muhammad"


def test_a_role_abbreviation_resolves_to_the_named_holder() -> None:
    text = (
        "DOJ Inspector General Michael Horowitz testified on Monday.\n"
        "The IG also said his team focused on the classified material."
    )
    assert quote_with(quotes_in(text), "his team").speaker == "Michael Horowitz"


def test_a_prime_ministers_abbreviated_title_is_dropped() -> None:
    text = "Hungary PM Viktor Orban: “We will defend our borders.”"
    assert quote_with(quotes_in(text), "defend").speaker == "Viktor Orban"


def test_a_long_run_of_titles_keeps_the_whole_name() -> None:
    text = (
        "Clark County District Court Judge Elissa Cadish later ordered the document sealed, "
        "but she acknowledged she couldn't order the newspaper to retract the name."
    )
    assert quote_with(quotes_in(text), "retract").speaker == "Elissa Cadish"


def test_a_pronoun_right_before_the_verb_is_its_subject() -> None:
    text = (
        "Prime Minister Viktor Orban gave a speech on Wednesday in which he declared that he "
        'would "fight those who want to change the identity of Europe."'
    )
    assert quote_with(quotes_in(text), "fight those").speaker == "Viktor Orban"


def test_an_attribution_inside_a_relative_clause_is_no_quote() -> None:
    text = "Stephen Paddock bought the rifles in Mesquite, which he said was not a surprise."
    assert not [q for q in quotes_in(text) if "not a surprise" in q.text]


def test_a_leading_adverb_does_not_hide_a_pronoun_speaker() -> None:
    text = (
        "President Donald Trump met Kim Jong Un in Singapore.\n"
        'Instead he predicted he could "solve a big problem, a big dilemma" with his partner.'
    )
    assert quote_with(quotes_in(text), "big dilemma").speaker == "Donald Trump"


def test_a_question_lead_is_no_report_and_the_clause_after_the_verb_is() -> None:
    text = (
        "Secretary of State Michael R. Pompeo flew to Ankara.\n"
        "Asked if he believed the denial, Pompeo said he was reserving judgment."
    )
    quotes = quotes_in(text)
    assert quote_with(quotes, "reserving").text == "he was reserving judgment"
    assert not [q for q in quotes if "believed the denial" in q.text]


def test_that_after_a_begun_clause_is_a_determiner_not_a_complementizer() -> None:
    text = "Inspector General Michael Horowitz said they uncovered that text in May."
    quote = quote_with(quotes_in(text), "uncovered")
    assert quote.text == "they uncovered that text in May"


def test_an_interrupting_according_to_frame_stays_inside_the_report() -> None:
    text = (
        "But one goal behind the release, according to an official familiar with its "
        "contents, is to make clear that no exemptions will be granted."
    )
    quote = quote_with(quotes_in(text), "one goal")
    assert quote.text.endswith("no exemptions will be granted")
    assert quote.speaker == "official familiar with its contents"


def test_a_second_quote_takes_the_frame_between_the_two() -> None:
    text = (
        "President Donald Trump praised Kim Jong Un.\n"
        '"He is very talented," Trump said, citing Kim\'s ability to "take over a situation '
        'and run it tough."'
    )
    assert quote_with(quotes_in(text), "run it tough").speaker == "Donald Trump"


def test_defines_as_takes_a_partial_quote_of_its_subject() -> None:
    text = (
        "Omar Smith, a campaign staffer, was recorded on video.\n"
        "Smith defines the platform as “part of the crazy crazies” on the Left."
    )
    assert quote_with(quotes_in(text), "crazy crazies").speaker == "Omar Smith"


def test_an_organisation_named_with_of_and_for_is_one_speaker() -> None:
    text = (
        "The Organisation for the Prohibition of Chemical Weapons said its inspectors would "
        "travel to Douma."
    )
    quote = quote_with(quotes_in(text), "inspectors")
    assert quote.speaker == "Organisation for the Prohibition of Chemical Weapons"


def test_a_date_between_the_verb_and_that_is_skipped_and_the_report_follows_that() -> None:
    text = "The watchdog said on April 10, 2018 that its inspectors would travel to Douma."
    quote = quote_with(quotes_in(text), "inspectors")
    assert quote.text == "its inspectors would travel to Douma"
    assert quote.speaker == "watchdog"


def test_an_unnamed_source_is_its_own_speaker_not_a_named_holder_of_the_role() -> None:
    text = (
        "Foreign Ministry spokeswoman Maria Zakharova called the video a fake.\n"
        "A spokesman for the opposition group insisted that its footage was genuine."
    )
    quote = quote_with(quotes_in(text), "footage")
    assert quote.text == "its footage was genuine"
    assert quote.speaker == "spokesman for the opposition group"


def test_a_coordinated_clause_with_its_own_subject_and_verb_ends_the_report() -> None:
    text = (
        "Sergey Lavrov said the video was staged.\n"
        "The group insisted that its footage was genuine, and it denied receiving any payments."
    )
    quotes = quotes_in(text)
    quote = quote_with(quotes, "footage")
    assert quote.text == "its footage was genuine"
    assert quote.speaker == "group"
    assert all("payments" not in q.text for q in quotes)


def test_an_apposition_between_the_report_and_said_is_the_speaker_not_the_report() -> None:
    text = "Sanctions are only a pretext, the ministry's spokesperson, Anna Orlova, said Thursday."
    quote = quote_with(quotes_in(text), "pretext")
    assert (quote.kind, quote.text, quote.speaker) == (
        "indirect",
        "Sanctions are only a pretext",
        "Anna Orlova",
    )


def test_an_apposition_after_an_inverted_frame_closes_the_report() -> None:
    text = "Sanctions are only a pretext, said Anna Orlova, the ministry's spokesperson."
    quote = quote_with(quotes_in(text), "pretext")
    assert (quote.text, quote.speaker) == ("Sanctions are only a pretext", "Anna Orlova")


def test_a_clause_after_an_interrupting_frame_stays_in_the_report() -> None:
    text = "The compound was empty, he said, the police had left it."
    quote = quote_with(quotes_in(text), "compound")
    assert quote.text == "The compound was empty, he said, the police had left it"


def test_a_direct_quote_takes_the_name_in_an_apposition_after_it() -> None:
    text = (
        '"Sanctions are only a pretext," said Anna Orlova, the ministry\'s spokesperson.\n'
        '"They change nothing," the spokesperson, Anna Orlova, told reporters.'
    )
    quotes = quotes_in(text)
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("direct", "Sanctions are only a pretext,", "Anna Orlova"),
        ("direct", "They change nothing,", "Anna Orlova"),
    ]


def test_a_quote_wrapped_in_blanked_emphasis_keeps_its_speaker() -> None:
    # `*"We will not bow to blackmail,"* Volkov said.` as the markup step hands it over.
    text = ' "We will not bow to blackmail,"  Volkov  said.'
    quote = quote_with(quotes_in(text), "blackmail")
    assert (quote.text, quote.speaker) == ("We will not bow to blackmail,", "Volkov")


def test_a_reporting_participle_after_a_frame_starts_a_second_report_of_its_speaker() -> None:
    text = (
        "Foreign Minister Sergey Lavrov spoke in Moscow.\n"
        "Moscow will respond to any new sanctions, Russia's foreign minister said, "
        "stressing that the measures were illegal."
    )
    quotes = [(q.text, q.speaker) for q in quotes_in(text) if q.kind == "indirect"]
    assert quotes == [
        ("Moscow will respond to any new sanctions", "Sergey Lavrov"),
        ("the measures were illegal", "Sergey Lavrov"),
    ]


def test_a_participle_that_describes_the_speaker_is_no_report() -> None:
    text = (
        "Moscow will respond to any new sanctions, he said, speaking at a news conference.\n"
        '"We will respond," Lavrov said, speaking at a news conference in Berlin.'
    )
    texts = [q.text for q in quotes_in(text)]
    assert texts == ["Moscow will respond to any new sanctions", "We will respond,"]


def test_a_role_noun_resolves_to_the_holder_the_article_names_only_later() -> None:
    text = (
        "The spokesman said the sanctions were illegal.\n"
        "Spokesman Dmitry Peskov later added that Moscow would respond."
    )
    quotes = {q.text: q.speaker for q in quotes_in(text)}
    assert quotes["the sanctions were illegal"] == "Dmitry Peskov"
    assert quotes["Moscow would respond"] == "Dmitry Peskov"


def test_a_relative_clause_between_the_speaker_and_the_verb_keeps_the_speaker() -> None:
    text = (
        "Specifically, Kristian Saucier, who served a year in a federal prison, argues that "
        "the officials were lenient with others."
    )
    quote = quote_with(quotes_in(text), "lenient")
    assert (quote.text, quote.speaker) == (
        "the officials were lenient with others",
        "Kristian Saucier",
    )


def test_that_after_a_contracted_pronoun_belongs_to_the_report() -> None:
    text = "Haig said he's sorry that the shooting took place."
    quote = quote_with(quotes_in(text), "sorry")
    assert quote.text == "he's sorry that the shooting took place"


def test_a_coordinated_report_is_a_report_of_its_own() -> None:
    text = (
        "Haig said he was sorry for the victims, but stressed that he had done nothing wrong.\n"
        "He said he only wanted mementos, but federal prosecutors argued he was a risk."
    )
    quotes = [(q.text, q.speaker) for q in quotes_in(text)]
    assert quotes == [
        ("he was sorry for the victims", "Haig"),
        ("he had done nothing wrong", "Haig"),
        ("he only wanted mementos", "Haig"),
        ("he was a risk", "federal prosecutors"),
    ]


def test_he_takes_up_a_man_known_by_his_given_name() -> None:
    text = (
        "Cardinal George Pell left the commission in 2017.\n"
        "British member Peter Saunders, a survivor of abuse, was ousted in 2016.\n"
        "He said the commission was a paper-shuffling exercise."
    )
    quote = quote_with(quotes_in(text), "paper-shuffling")
    assert quote.speaker == "Peter Saunders"


def test_he_takes_up_the_subject_of_the_sentence_that_named_two_men() -> None:
    text = (
        "Senator Rand Paul spoke on Sunday.\n"
        "Paul told CNN that he would do whatever it takes to block Mike Pompeo.\n"
        '"You really want a diplomat in charge," he said.'
    )
    quote = quote_with(quotes_in(text), "diplomat")
    assert quote.speaker == "Rand Paul"


def test_a_role_noun_opening_a_sentence_brings_its_holder_back_to_mind() -> None:
    text = (
        "Sheriff Jerry Hogrefe met the families on Monday.\n"
        "Detective Tom Baxter handed over a letter.\n"
        "The sheriff has stuck by Baxter, praising Baxter in public.\n"
        '"I have no evidence," he said at the station.'
    )
    quote = quote_with(quotes_in(text), "evidence")
    assert quote.speaker == "Jerry Hogrefe"


def test_a_plural_possessive_ends_the_name_it_follows() -> None:
    text = 'Pope Francis\' commission met on Monday.\n"We must listen," the pope said.'
    assert quote_with(quotes_in(text), "listen").speaker == "Francis"


def test_a_scene_then_a_frame_then_a_quote_reports_only_the_quote() -> None:
    text = 'When asked about the threats, Haig said, "People scream at my front door."'
    quotes = [(q.kind, q.text, q.speaker) for q in quotes_in(text)]
    assert quotes == [("direct", "People scream at my front door.", "Haig")]


def test_a_verb_that_takes_an_object_reports_a_clause_that_a_pronoun_opens() -> None:
    text = (
        "Pope Francis announced he was reviving a panel on abuse.\n"
        "Pope Francis announced a new panel on abuse."
    )
    quotes = [(q.text, q.speaker) for q in quotes_in(text)]
    assert quotes == [("he was reviving a panel on abuse", "Francis")]


def test_a_quote_opening_the_sentence_after_a_quotes_frame_continues_its_speaker() -> None:
    text = (
        '"It is not an exorcism," Hakima Ramzi said. He "just wanted to pray for the boy."\n'
        '"Please help," Candace Smith repeats several times in a call. "He shot the officers."'
    )
    quotes = quotes_in(text)
    assert quote_with(quotes, "pray").speaker == "Hakima Ramzi"
    assert quote_with(quotes, "Please help").speaker == "Candace Smith"
    assert quote_with(quotes, "shot").speaker == "Candace Smith"


def test_the_name_before_an_apposition_speaks_a_quote_its_relative_clause_leads_into() -> None:
    text = (
        "Yvonne Chireau, a professor of religion at Swarthmore who called the remarks "
        '"unbelievably vile," emphasized that such views were common.'
    )
    quote = quote_with(quotes_in(text), "vile")
    assert quote.speaker == "Yvonne Chireau"


def test_a_verb_coordinated_after_a_quote_shares_the_sentence_subject() -> None:
    text = (
        "Representative Danny Davis, who was interviewed after the photo emerged, called the "
        'minister an "outstanding human being," and later said he was not bothered.'
    )
    quotes = {q.text: q.speaker for q in quotes_in(text)}
    assert quotes == {
        "outstanding human being,": "Danny Davis",
        "he was not bothered": "Danny Davis",
    }


def test_a_church_is_an_organisation_and_the_archbishop_in_apposition_speaks() -> None:
    text = (
        "Before the visit, the head of the Irish Catholic Church, Archbishop Eamon Martin, "
        "said he expected the pope to meet victims."
    )
    assert quote_with(quotes_in(text), "expected").speaker == "Eamon Martin"


def test_a_pronoun_inside_a_speaker_noun_opens_a_relative_clause() -> None:
    text = "The document he and Kim signed said the talks would go on."
    assert quote_with(quotes_in(text), "talks").speaker == "document"


def test_a_subordinate_as_clause_reports_with_its_own_subject() -> None:
    text = "There were scant details, even as Trump announced he would end the exercises."
    quote = quote_with(quotes_in(text), "exercises")
    assert (quote.text, quote.speaker) == ("he would end the exercises", "Trump")


def test_an_initial_and_a_quoted_title_in_apposition_keep_the_whole_name() -> None:
    text = (
        'Edward E. Curtis IV, the author of "Black Muslim Religion in the Nation of Islam," '
        "said that there were tens of thousands of members."
    )
    quote = quote_with(quotes_in(text), "members")
    assert quote.speaker == "Edward E. Curtis IV"


def test_a_time_before_the_frame_sets_the_scene_and_is_no_report() -> None:
    text = "Later, during his news conference, Trump said the summit had gone well."
    quotes = [(q.text, q.speaker) for q in quotes_in(text)]
    assert quotes == [("the summit had gone well", "Trump")]


def test_a_name_and_its_apposition_after_a_quote_make_no_indirect_quote() -> None:
    text = (
        '"Independent witnesses have come forward," Lee Merritt, one of the attorneys '
        "representing the family, told ABC News."
    )
    quotes = [(q.kind, q.text, q.speaker) for q in quotes_in(text)]
    assert quotes == [("direct", "Independent witnesses have come forward,", "Lee Merritt")]


def test_it_takes_up_the_thing_that_spoke_last_not_a_pair_of_people() -> None:
    text = (
        "It was the latest clash between Jim Acosta and Donald Trump.\n"
        "CNN's lawsuit says the ban violates the First Amendment.\n"
        "It also says the ban came with no notice."
    )
    quote = quote_with(quotes_in(text), "no notice")
    assert quote.speaker == "CNN's lawsuit"


def test_a_he_later_in_a_sentence_that_opens_with_he_is_the_same_man() -> None:
    text = (
        "Askia Muhammad said in a blog post that he was an admirer of Mr. Farrakhan.\n"
        "He reiterated that he admired Mr. Farrakhan, though he said that some remarks "
        "made him shudder."
    )
    quote = quote_with(quotes_in(text), "shudder")
    assert quote.speaker == "Askia Muhammad"


def test_a_report_joined_by_though_is_a_report_of_its_own_and_to_say_is_none() -> None:
    text = (
        "Askia Muhammad reiterated that he admired the minister, though he said that some "
        "remarks made him shudder.\n"
        "Some members are victims, although the Vatican declined to say which."
    )
    quotes = [(q.text, q.speaker) for q in quotes_in(text)]
    assert quotes == [
        ("he admired the minister", "Askia Muhammad"),
        ("some remarks made him shudder", "Askia Muhammad"),
    ]


def test_a_quote_opening_the_paragraph_after_a_report_is_its_speakers() -> None:
    text = (
        "Party specialist Adrian Young also admits on video that the candidate is hiding "
        "his position.\n"
        '"I do think he would support anybody doing that stuff."'
    )
    assert quote_with(quotes_in(text), "anybody").speaker == "Adrian Young"


def test_a_date_before_a_speaker_noun_is_not_part_of_it() -> None:
    text = "The Nov. 29 report said Candace Smith went to the police station."
    assert quote_with(quotes_in(text), "station").speaker == "report"


def test_a_participle_of_speech_in_a_relative_clause_speaks_for_its_antecedent() -> None:
    text = (
        "A dispatcher called back and reached a woman who was crying and can be heard "
        'saying, "He will not let me in."'
    )
    assert quote_with(quotes_in(text), "let me in").speaker == "woman"


def test_a_quote_nothing_frames_belongs_to_the_person_its_sentence_is_about() -> None:
    text = (
        "Gerard Batten spoke next.\n"
        'He then went on to blast the policies of the government, specifically "the '
        'widespread abuse by organized gangs" while officials "brush it under the carpet."'
    )
    quotes = quotes_in(text)
    assert quote_with(quotes, "organized gangs").speaker == "Gerard Batten"
    assert quote_with(quotes, "carpet").speaker == "Gerard Batten"


def test_he_takes_up_a_name_not_presented_as_a_person_when_there_is_no_other() -> None:
    text = "Police found Siraj Wahhaj at the compound.\nHe said he had done nothing wrong."
    assert quote_with(quotes_in(text), "nothing wrong").speaker == "Siraj Wahhaj"


def test_where_a_named_organisation_sits_is_not_part_of_its_name() -> None:
    text = (
        "Gerald Lawson is accused of buying the gun, the Justice Department for the Southern "
        "District of Ohio said.\n"
        "The Organisation for the Prohibition of Chemical Weapons said the samples were clean."
    )
    quotes = {q.text: q.speaker for q in quotes_in(text)}
    assert quotes["Gerald Lawson is accused of buying the gun"] == "Justice Department"
    assert quotes["the samples were clean"] == (
        "Organisation for the Prohibition of Chemical Weapons"
    )


def test_the_frame_right_before_a_quote_names_its_speaker() -> None:
    text = (
        "In his letter, Francis repeated a quote by his predecessor Benedict XVI, who, a "
        'month before being elected, lamented "how much filth" there was.\n'
        'Governor John Kasich tweeted several times, including to say, "The finest among us '
        'risk it all."\n'
        'Trump also said he hopes to withdraw forces from South Korea, but said "that is not '
        'part of the equation."'
    )
    quotes = quotes_in(text)
    assert quote_with(quotes, "filth").speaker == "Benedict XVI"
    assert quote_with(quotes, "finest").speaker == "John Kasich"
    assert quote_with(quotes, "equation").speaker == "Trump"


def test_a_misspelt_surname_resolves_to_the_person_but_a_family_name_does_not() -> None:
    text = (
        "YouTube theorist Jake Morphonios said he had questions.\n"
        '"Did he know something?" Morphonious said.\n'
        "Tanya Badger and Jason Badger own the land.\n"
        "The Badgers said they saw the boy in January."
    )
    quotes = quotes_in(text)
    assert quote_with(quotes, "know something").speaker == "Jake Morphonios"
    assert quote_with(quotes, "saw the boy").speaker == "Badgers"


def test_a_news_role_before_a_name_is_the_role_a_later_role_noun_takes_up() -> None:
    text = (
        "Conspiracy theorist Jake Morphonios posted a video on Monday.\n"
        '"Who knows what he knew," the theorist said.'
    )
    assert quote_with(quotes_in(text), "Who knows").speaker == "Jake Morphonios"


def test_a_role_noun_keeps_its_noun_when_a_lowercase_role_names_the_person_only_later() -> None:
    text = (
        "The seller had no part in the shooting, the man's lawyer said.\n"
        "His lawyer Marc Victor spoke to reporters on Monday."
    )
    assert quote_with(quotes_in(text), "shooting").speaker == "man's lawyer"


def test_whom_something_was_told_is_not_part_of_the_report() -> None:
    text = (
        "A senior official, who spoke on condition of anonymity, told the paper the source "
        "of the leak was known."
    )
    quotes = [(q.text, q.speaker) for q in quotes_in(text)]
    assert quotes == [("the source of the leak was known", "senior official")]


def test_they_takes_up_an_organisation_that_spoke_when_no_group_did() -> None:
    text = (
        "Border guards met Sergey Lavrov on Monday. The Interior Ministry said the border "
        "was closed.\nThey added that it would reopen on Monday."
    )
    assert quote_with(quotes_in(text), "reopen").speaker == "Interior Ministry"


def test_runs_of_spaces_left_by_markup_change_no_speaker() -> None:
    # "**Tanya** and Jason Badger ..." and "The [sheriff](#) said" as the markup step hands
    # them over: the marks are spaces now.
    text = (
        "  Tanya   and Jason Badger own the land. Sheriff Jerry Hogrefe  arrived.\n"
        '"We were frustrated,"  the  couple   said.\n'
        "The   sheriff       said   police had no probable cause."
    )
    quotes = quotes_in(text)
    assert quote_with(quotes, "frustrated").speaker == "Tanya and Jason Badger"
    assert quote_with(quotes, "probable cause").speaker == "Jerry Hogrefe"
