//! Unit tests of the rule families, on sentences written for these tests.
//!
//! One `check` helper per mode; each test lists the expected (text, value[, mod]) of every tag.

use crate::{Config, Date, Mod, Type, tag};

fn run(text: &str, config: &Config) -> Vec<(String, String)> {
    tag(text, config).into_iter().map(|t| (t.text, t.value)).collect()
}

fn expect(got: Vec<(String, String)>, expected: &[(&str, &str)], text: &str) {
    let want: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(got, want, "in {text:?}");
}

/// Narrative mode, document date May 1989 (a Country Studies section).
fn check(text: &str, expected: &[(&str, &str)]) {
    expect(run(text, &Config::narrative(Date::parse("1989-05"))), expected, text);
}

/// News mode, document date Tuesday 2013-03-12.
fn check_news(text: &str, expected: &[(&str, &str)]) {
    expect(run(text, &Config::news(Date::parse("2013-03-12"))), expected, text);
}

fn modifiers(text: &str) -> Vec<Option<Mod>> {
    tag(text, &Config::narrative(Date::parse("1989-05"))).into_iter().map(|t| t.modifier).collect()
}

#[test]
fn dates_in_every_order() {
    check(
        "The treaty was signed on March 3, 1918, ratified on 15 March 1918 and published in April 1918.",
        &[("March 3, 1918", "1918-03-03"), ("15 March 1918", "1918-03-15"), ("April 1918", "1918-04")],
    );
    check("The fleet sailed on June 20 of 1792 and in February of 1793.", &[("June 20 of 1792", "1792-06-20"), ("February of 1793", "1793-02")]);
    check("Thursday, March 5, 1998 was cold.", &[("Thursday, March 5, 1998", "1998-03-05")]);
    check("The talks opened on Sept. 4, 1951.", &[("Sept. 4, 1951", "1951-09-04")]);
}

#[test]
fn months_and_days_take_the_anchor_year() {
    check(
        "The army crossed the river in October 1942. On 12 November it reached the coast, and in December it halted.",
        &[("October 1942", "1942-10"), ("12 November", "1942-11-12"), ("December", "1942-12")],
    );
    // A narrative moves forward: January after December is the next year.
    check("The siege began in December 1941. In January the city fell.", &[("December 1941", "1941-12"), ("January", "1942-01")]);
    check("He spoke on the 25th of August.", &[("the 25th of August", "1989-08-25")]);
}

#[test]
fn month_words_that_are_not_months() {
    check("Troops may march south.", &[]);
    check("She said she may leave in May.", &[("May", "1989-05")]);
}

#[test]
fn years_ranges_and_elisions() {
    check(
        "The war of 1904-05 and the civil war (1918-21) ended by 1922.",
        &[("1904", "1904"), ("05", "1905"), ("1918", "1918"), ("21", "1921"), ("1922", "1922")],
    );
    check("It lasted from 1941 to 1945.", &[("1941", "1941"), ("1945", "1945")]);
    check("It cost $1500 and 1200 troops died; Resolution 1483 passed.", &[]);
    check("Athens fell in 404 BC and Rome rose in 509 B.C.", &[("404 BC", "BC0404"), ("509 B.C.", "BC0509")]);
    check("The league lasted (477-404 BC).", &[("477", "BC0477"), ("404 BC", "BC0404")]);
}

#[test]
fn decades_and_centuries() {
    check(
        "In the 1920s and the late nineteenth century, as in the 1800s and the '90s, eighteenth-century ideas spread.",
        &[("the 1920s", "192"), ("the late nineteenth century", "18"), ("the 1800s", "18"), ("the '90s", "199"), ("eighteenth-century", "17")],
    );
    check("Carthage was founded in the 9th century BC and flourished in the 470s BC.", &[("the 9th century BC", "BC08"), ("the 470s BC", "BC047")]);
    check("In the twenty-first century trade grew.", &[("the twenty-first century", "20")]);
    check(
        "Ports grew in 1897 and, at the turn of the century, railways; at the turn of the twentieth century, mills.",
        &[("1897", "1897"), ("the turn of the century", "1900"), ("the turn of the twentieth century", "1900")],
    );
    check("In the late eighteenth and early nineteenth centuries trade grew.", &[("early nineteenth centuries", "18")]);
}

#[test]
fn seasons() {
    check(
        "The offensive of 1919 stalled. That spring the rains came; in the summer of 1920 it resumed.",
        &[("1919", "1919"), ("That spring", "1919-SP"), ("the summer of 1920", "1920-SU")],
    );
    check("The fall of Paris shocked them.", &[]);
    check("The fleet waited through the winter.", &[("the winter", "1989-WI")]);
}

#[test]
fn modifiers_and_fuzzy_expressions() {
    check("He returned in mid-1986, early October and late 1948.", &[("mid-1986", "1986"), ("early October", "1986-10"), ("late 1948", "1948")]);
    assert_eq!(modifiers("He returned in mid-1986, early in 1987 and by the end of 1988."), vec![Some(Mod::Mid), Some(Mod::Start), Some(Mod::End)]);
    check("By the first half of 1916 the front held.", &[("the first half of 1916", "1916-H1")]);
    check("In the second half of the 19th century trade grew.", &[("the second half of the 19th century", "18")]);
    check("In the waning days of World War II the army moved.", &[("the waning days of World War II", "1945")]);
    assert_eq!(modifiers("In the waning days of World War II the army moved."), vec![Some(Mod::End)]);
    check("It was built about 1910.", &[("about 1910", "1910")]);
    assert_eq!(modifiers("It was built ca. 466 BC."), vec![Some(Mod::Approx)]);
    check("Trade grew early in the year.", &[("early in the year", "1989")]);
}

#[test]
fn anaphora_in_narrative_mode() {
    check(
        "The war began in 1939. Two years later the front collapsed; the following month was calm and that year ended badly.",
        &[("1939", "1939"), ("Two years later", "1941"), ("the following month", "1941-XX"), ("that year", "1941")],
    );
    check("The battle began on 3 July 1863. The next day it ended.", &[("3 July 1863", "1863-07-03"), ("The next day", "1863-07-04")]);
    check("Talks began in May 1950; later that year they failed.", &[("May 1950", "1950-05"), ("later that year", "1950")]);
    check("Elections were held in March 1990, and the previous April riots broke out.", &[("March 1990", "1990-03"), ("the previous April", "1989-04")]);
}

#[test]
fn as_of_a_date_keeps_the_date() {
    // The document date is May 1989; a date written out is its own value all the same.
    check("As of 1989, however, relations had not improved.", &[("1989", "1989")]);
    check("As of 1987, relations had not improved.", &[("1987", "1987")]);
    check("As of mid-1987, as of January 1988 and as of 1989 the talks continued.", &[("mid-1987", "1987"), ("January 1988", "1988-01"), ("1989", "1989")]);
    assert_eq!(modifiers("As of mid-1987 the talks continued."), vec![Some(Mod::Mid)]);
    check_news("As of 2013, the plant employs 300 people.", &[("2013", "2013")]);
    // Only expressions with no date of their own are the present (the document date).
    check("The party is currently divided, as it is now and at present.", &[("currently", "PRESENT_REF"), ("now", "PRESENT_REF"), ("present", "PRESENT_REF")]);
    check("At the present time, as today, the party is divided.", &[("the present time", "PRESENT_REF"), ("today", "PRESENT_REF")]);
}

#[test]
fn observances_recur_every_year() {
    check(
        "Independence Day (August 15); Liberation Day, 15 August; Easter Monday, movable date in March or April.",
        &[("August 15", "XXXX-08-15"), ("15 August", "XXXX-08-15"), ("Easter Monday", "XXXX-XX-XX"), ("March", "XXXX-03"), ("April", "XXXX-04")],
    );
    check("National holiday: Independence Day, 15 August (1947)", &[("15 August", "XXXX-08-15"), ("1947", "1947")]);
    check("National holiday: Anniversary of the Revolution, 1 January (1959)", &[("1 January", "XXXX-01-01"), ("1959", "1959")]);
    // "Labor Day" is a known holiday (a Monday of September in the United States): here it
    // has no date of its own.
    check(
        "In 1948 the holiday calendar changed: Labor Day is celebrated on 1 May and Army Day, 23 February.",
        &[("1948", "1948"), ("Labor Day", "XXXX-XX-XX"), ("1 May", "XXXX-05-01"), ("23 February", "XXXX-02-23")],
    );
    check(
        "Holidays include New Year's Day (January 1) and the feast of Saint Stephen, every year on 20 August.",
        &[("New Year's Day", "XXXX-01-01"), ("January 1", "XXXX-01-01"), ("every year", "XXXX"), ("20 August", "XXXX-08-20")],
    );
    check_news("Independence Day, celebrated every year on Aug. 15, draws crowds.", &[("every year", "P1Y"), ("Aug. 15", "XXXX-08-15")]);
    // A recurring date does not move the narrative: the month after it is still 1948's.
    check(
        "In 1948 the war began. Independence Day (August 15) is a holiday. In September the army crossed the river.",
        &[("1948", "1948"), ("August 15", "XXXX-08-15"), ("September", "1948-09")],
    );
}

#[test]
fn narrative_month_days_keep_the_story_year() {
    check("In 1948 the war began. On August 15 the army crossed the river.", &[("1948", "1948"), ("August 15", "1948-08-15")]);
    check("In 1948 the war ended on Liberation Day, 15 August, and the holiday was marred by riots.", &[("1948", "1948"), ("15 August", "1948-08-15")]);
    check("In 1918 the offensive went well, and the Kaiser declared 24 March a national holiday.", &[("1918", "1918"), ("24 March", "1918-03-24")]);
    check("In 1950 monitors observed on 15 August that the truce held.", &[("1950", "1950"), ("15 August", "1950-08-15")]);
    check_news("The holiday was quiet on March 5, officials said.", &[("March 5", "2013-03-05")]);
}

#[test]
fn deixis_in_news_mode() {
    check_news(
        "Yesterday the minister said that last week prices rose, and today they fell; tomorrow they may rise.",
        &[("Yesterday", "2013-03-11"), ("last week", "2013-W10"), ("today", "2013-03-12"), ("tomorrow", "2013-03-13")],
    );
    check_news(
        "This year sales rose, and next month they will fall; three years ago they were flat.",
        &[("This year", "2013"), ("next month", "2013-04"), ("three years ago", "2010")],
    );
    check_news("In recent years the firm grew, and in the future it will grow.", &[("recent years", "PXY"), ("the future", "FUTURE_REF")]);
    check_news("On Friday the shares fell.", &[("Friday", "2013-03-08")]);
}

#[test]
fn durations() {
    check(
        "The siege lasted six months, the occupation three decades and the truce over nine months.",
        &[("six months", "P6M"), ("three decades", "P3DE"), ("over nine months", "P9M")],
    );
    check("For years they fought; a ten-day truce and a few weeks of calm followed.", &[("years", "PXY"), ("ten-day", "P10D"), ("a few weeks of calm", "PXW")]);
    check("Over the next two years the army grew. He was 18 years old.", &[("the next two years", "P2Y"), ("18 years old", "P18Y")]);
    check("It ended two and a half centuries of rule.", &[("two and a half centuries of rule", "P2.5CE")]);
    check("She spent a year and a half abroad, half a century ago.", &[("a year and a half", "P1.5Y"), ("half a century ago", "PAST_REF")]);
    let tags = tag("The truce held for nearly four weeks.", &Config::narrative(None));
    assert_eq!((tags[0].kind, tags[0].modifier), (Type::Duration, Some(Mod::LessThan)));
}

#[test]
fn sets() {
    let news = tag("The report is published annually and costs $5 a day, every week.", &Config::news(None));
    let got: Vec<(&str, Type, &str)> = news.iter().map(|t| (t.text.as_str(), t.kind, t.value.as_str())).collect();
    assert_eq!(got, vec![("annually", Type::Set, "P1Y"), ("a day", Type::Set, "P1D"), ("every week", Type::Set, "P1W")]);
    check("Elections are held annually.", &[("annually", "XXXX")]);
}

#[test]
fn times_of_day() {
    check_news(
        "The blast came at 10:30 a.m. and again at 11 p.m.; by the morning it was over.",
        &[("10:30 a.m.", "2013-03-12T10:30"), ("11 p.m.", "2013-03-12T23:00"), ("the morning", "2013-03-12TMO")],
    );
    check(
        "On the night of 20 June 1791 the king fled; that night was cold.",
        &[("the night of 20 June 1791", "1791-06-20TNI"), ("that night", "1791-06-20TNI")],
    );
    check("The battle lasted until May 8 1:00AM.", &[("May 8 1:00AM", "1989-05-08T01:00")]);
}

#[test]
fn numeric_dates_and_quarters() {
    check_news(
        "Filed 1998-10-21 and amended 10/23/98; results for the third quarter and the fourth quarter of 1998.",
        &[("1998-10-21", "1998-10-21"), ("10/23/98", "1998-10-23"), ("the third quarter", "2012-Q3"), ("the fourth quarter of 1998", "1998-Q4")],
    );
}

#[test]
fn news_weekdays_weekends_and_modified_days() {
    check_news(
        "Shares fell late Tuesday, rose over the weekend and by mid-March had recovered; the 24-hour strike ends at the end of the month.",
        &[("late Tuesday", "2013-03-12"), ("the weekend", "2013-W10-WE"), ("mid-March", "2013-03"), ("24-hour", "PT24H"), ("the end of the month", "2013-03")],
    );
}

#[test]
fn adjectival_expressions() {
    // TimeML does not tag ages; TIMEX2 (narrative) does.
    check_news("A 45-year-old trader said first-quarter profit fell.", &[("first-quarter", "2013-Q1")]);
    check("A 45-year-old trader was 18 years old in 1962.", &[("45-year-old", "P45Y"), ("18 years old", "P18Y"), ("1962", "1962")]);
}

#[test]
fn possessives() {
    check_news(
        "Tuesday's vote and January's report came a decade ago, on New Year's Day.",
        &[("Tuesday", "2013-03-12"), ("January", "2013-01"), ("a decade ago", "2003"), ("New Year's Day", "2013-01-01")],
    );
}

#[test]
fn movable_and_national_holidays() {
    check(
        "They rose on Good Friday 1916, fought on Thanksgiving 1950 and on Easter Monday 1945.",
        &[("Good Friday 1916", "1916-04-21"), ("Thanksgiving 1950", "1950-11-23"), ("Easter Monday 1945", "1945-04-02")],
    );
    check("The good news came on VE Day 1945 and on V-J Day 1945.", &[("VE Day 1945", "1945-05-08"), ("V-J Day 1945", "1945-08-15")]);
    check_news("Shoppers crowded the malls over Thanksgiving.", &[("Thanksgiving", "2012-11-22")]);
}

#[test]
fn holidays() {
    check("They attacked on Christmas 1776 and again at Easter 1777.", &[("Christmas 1776", "1776-12-25"), ("Easter 1777", "1777-03-30")]);
}

#[test]
fn country_study_sentences() {
    // Written in the style of the Soviet Union study, data as of May 1989.
    check(
        "Relations soured after the Sino-Soviet split of 1960-62. The minister visited Beijing in February 1987 and again in late 1988; \
         a new consul arrived in mid-1987. As of 1989, the border talks continued.",
        &[("1960", "1960"), ("62", "1962"), ("February 1987", "1987-02"), ("late 1988", "1988"), ("mid-1987", "1987"), ("1989", "1989")],
    );
}

#[test]
fn offsets_are_characters() {
    let text = "Él llegó — en «March 1945» y después.";
    let tags = tag(text, &Config::narrative(None));
    assert_eq!(tags.len(), 1);
    let chars: Vec<char> = text.chars().collect();
    let slice: String = chars[tags[0].start..tags[0].end].iter().collect();
    assert_eq!(slice, "March 1945");
    assert_eq!(tags[0].start, 15);
    // A no-break space joins a date like a space.
    let tags = tag("in August\u{a0}1945", &Config::narrative(None));
    assert_eq!((tags[0].text.as_str(), tags[0].start, tags[0].end), ("August\u{a0}1945", 3, 14));
}

#[test]
fn date_parse() {
    assert_eq!(Date::parse("1989-05"), Date::from_year_month(1989, 5).ok());
    assert_eq!(Date::parse("2009-12-19T17:00:00"), Date::from_ymd(2009, 12, 19).ok());
    assert_eq!(Date::parse("1989"), Date::from_year(1989).ok());
    assert_eq!(Date::parse("1989-02-30"), None);
    assert_eq!(Date::parse("89-02"), None);
    assert_eq!(Date::parse(""), None);
}

#[test]
fn json_shape() {
    let tags = tag("in mid-1986", &Config::narrative(None));
    let json = serde_json::to_string(&tags).unwrap();
    assert_eq!(json, r#"[{"start":3,"end":11,"text":"mid-1986","type":"DATE","value":"1986","mod":"MID"}]"#);
}

#[test]
fn timex2_event_phrases_in_narrative() {
    // Written for these tests in the style of a war history; narrative mode, May 1989 fallback.
    check(
        "Girona fell on 5 February 1939. Five days after the fall of Girona, the last units crossed; two months of bitter fighting in Asturias followed.",
        &[("5 February 1939", "1939-02-05"), ("Five days after the fall of Girona", "1939-02-10"), ("two months of bitter fighting in Asturias", "P2M")],
    );
    check(
        "The siege began on 3 March 1917. By the time he left office, the army had held for the duration of the war.",
        &[("3 March 1917", "1917-03-03"), ("the time he left office", "1917"), ("the duration of the war", "PXY")],
    );
    check(
        "In 1984 the offensive ran from 15 to 22 February and again on April 6-7.",
        &[("1984", "1984"), ("15", "1984-02-15"), ("22 February", "1984-02-22"), ("April 6", "1984-04-06"), ("7", "1984-04-07")],
    );
    check(
        "The city fell on 19 October 1950. At month's end the Spring Offensive was planned for a sixty-day period.",
        &[("19 October 1950", "1950-10-19"), ("month's end", "1950-10"), ("Spring", "1950-SP"), ("a sixty-day period", "P60D")],
    );
    check(
        "The war began in 1950, as the dictators had ten, fifteen, and twenty years earlier; it ended after a short time.",
        &[("1950", "1950"), ("ten", "1940"), ("fifteen", "1935"), ("twenty years earlier", "1930"), ("a short time", "PXY")],
    );
}

#[test]
fn to_this_day_is_the_present_not_the_last_date() {
    let config = Config::narrative(Date::parse("2025"));
    let tags = tag("Spain sold the islands in 1899, a loss that rankles to this day.", &config);
    let last = tags.last().unwrap();
    assert_eq!((last.text.as_str(), last.value.as_str()), ("this day", "PRESENT_REF"));
}
