//! The scenario format: decoders from the spanned tree into core types.
//!
//! Each decoder reports every problem it finds and carries on with a default, so one pass
//! over a file lists all its errors. References (people, segments, library actions and
//! events) are collected with their spans and checked once every id is known.

use std::collections::BTreeMap;

use super::decode::{Decoder, Payload, Record, shown};
use super::diagnostic::clip;
use super::limits;
use super::tree::{Field, Kind, Node, Span};
use crate::sim::{
    ActionDef, Choice, Competency, Condition, Director, Effect, EventDef, Family, Goal, Item,
    Kind as EventKind, Lesson, Measure, Model, Person, Phase, Player, Policy, Role, Scenario,
    Score, Segment, Segments, Start, Stat, Story, Subject, TargetKind, Temper, Trait, Traits, Who,
};

/// The built-in actions and events scenarios pick from by id.
#[derive(Clone, Debug, Default)]
pub struct Library {
    /// Actions, in menu order.
    pub actions: Vec<ActionDef>,
    /// Events.
    pub events: Vec<EventDef>,
}

/// What a reference points at, for checking once all ids are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RefKind {
    Person,
    Segment,
}

/// A name referred to, where it was written, and the place messages name ("action `x`").
type Wanted = (String, Span, String);

/// Ids referred to in effects, conditions and subjects, with where they were written.
#[derive(Default)]
struct Refs {
    wanted: Vec<(RefKind, Wanted)>,
    /// Flags that conditions test: each must be set by some effect, or the test is a typo.
    flags: Vec<Wanted>,
}

/// What `Target` means in a list of effects: the action's target, or the event's subject.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Aim {
    /// Effects of an action aimed at this kind of thing.
    Action(TargetKind),
    /// Effects of an event's choice; `true` when the event has a subject.
    Event(bool),
}

const SCENARIO_FIELDS: &[&str] = &[
    "id", "title", "pitch", "intro", "goals", "debrief", "weeks", "player", "model", "start",
    "people", "segments", "items", "actions", "events", "lessons", "previews", "director",
    "phases",
];
const PLAYER_FIELDS: &[&str] = &["hours", "engineering", "leadership", "management"];
const START_FIELDS: &[&str] = &["focus", "reach", "debt", "budget", "generated_items"];
const PERSON_FIELDS: &[&str] = &[
    "id",
    "name",
    "role",
    "team",
    "skill",
    "potential",
    "morale",
    "autonomy",
    "clarity",
    "flight_risk",
    "tenure",
    "traits",
];
const TRAITS: &[&str] = &Trait::NAMES;
const SEGMENT_FIELDS: &[&str] = &[
    "id",
    "name",
    "size",
    "price",
    "adoption",
    "satisfaction",
    "opens",
];
const PHASE_FIELDS: &[&str] = &["from", "name", "says", "model"];
const ITEM_FIELDS: &[&str] = &["id", "name", "effort", "value", "appeal", "revealed"];
const ACTION_FIELDS: &[&str] = &[
    "id",
    "name",
    "description",
    "family",
    "hours",
    "target",
    "requires",
    "effects",
];
const EVENT_FIELDS: &[&str] = &[
    "id", "title", "text", "weight", "kind", "when", "subject", "once", "times", "cooldown",
    "always", "choices",
];
const DIRECTOR_FIELDS: &[&str] = &["pace", "temper"];
const TEMPERS: &[&str] = &Temper::NAMES;
const KINDS: &[&str] = &EventKind::NAMES;
const CHOICE_FIELDS: &[&str] = &["label", "hint", "effects"];
const LESSON_FIELDS: &[&str] = &["text", "better", "worse", "score", "share"];
const GOAL_FIELDS: &[&str] = &["text", "check"];
const LIBRARY_FIELDS: &[&str] = &["actions", "events"];

// The names of the effect and condition languages and of the enums they use are the core's
// own (each type's `NAMES`), so the decoder, its suggestions and the reference agree.
const EFFECTS: &[&str] = Effect::NAMES;
const CONDITIONS: &[&str] = Condition::NAMES;
const MEASURES: &[&str] = Measure::NAMES;
const WHO: &[&str] = Who::NAMES;
const SEGMENTS: &[&str] = Segments::NAMES;
const SUBJECTS: &[&str] = Subject::NAMES;
const STATS: &[&str] = &Stat::NAMES;
const ROLES: &[&str] = &Role::NAMES;
const FAMILIES: &[&str] = &Family::NAMES;
const TARGETS: &[&str] = &TargetKind::NAMES;
const COMPETENCIES: &[&str] = &Competency::NAMES;
const POLICIES: &[&str] = &Policy::NAMES;
const SCORES: &[&str] = &Score::NAMES;

/// Decodes the built-in library file.
pub fn library(d: &mut Decoder, root: &Node) -> Library {
    let mut lib = Library::default();
    let Some(rec) = d.record(root, "library", LIBRARY_FIELDS) else {
        return lib;
    };
    let mut refs = Refs::default();
    if let Some(list) = rec.get("actions") {
        for (i, node) in d.list(list, "actions").iter().enumerate() {
            if let Some(a) = d.within(label(node, "action", i), |d| action(d, node, &mut refs)) {
                lib.actions.push(a);
            }
        }
    }
    if let Some(list) = rec.get("events") {
        for (i, node) in d.list(list, "events").iter().enumerate() {
            if let Some(e) = d.within(label(node, "event", i), |d| event(d, node, &mut refs)) {
                lib.events.push(e);
            }
        }
    }
    for (kind, (id, span, _)) in refs.wanted {
        let what = if kind == RefKind::Person {
            "person"
        } else {
            "segment"
        };
        d.error(
            span,
            format!("the library cannot refer to the {what} `{}`", clip(&id)),
            Some(
                "library actions and events may only use `Target`, `Everyone`, `Role(..)` or `All`"
                    .into(),
            ),
        );
    }
    unique(
        d,
        lib.actions.iter().map(|a| (a.id.as_str(), Span::default())),
        "action",
    );
    lib
}

/// Decodes a scenario file. `id` is used when the file does not name itself.
pub fn scenario(d: &mut Decoder, root: &Node, id: &str, library: &Library) -> Option<Scenario> {
    let rec = d.record(root, "scenario", SCENARIO_FIELDS)?;
    named(d, &rec, "Scenario");
    let mut refs = Refs::default();
    let story = Story {
        id: rec
            .get("id")
            .and_then(|n| d.text(n, "id"))
            .unwrap_or_else(|| id.to_string()),
        title: required_text(d, &rec, "title"),
        pitch: required_text(d, &rec, "pitch"),
        intro: required_text(d, &rec, "intro"),
        goals: goals(d, &rec, &mut refs),
        debrief: texts(d, &rec, "debrief"),
    };
    let weeks = rec
        .require(d, "weeks")
        .and_then(|n| d.integer_in(n, "weeks", 1, limits::WEEKS as i64))
        .unwrap_or(12) as u32;

    let player = d.within("`player`", |d| player(d, rec.get("player")));
    let model = rec
        .get("model")
        .map(|n| d.within("`model`", |d| model(d, n, &Model::default())))
        .unwrap_or_default();
    let phases = rec
        .get("phases")
        .map(|n| phases(d, n, &model, weeks))
        .unwrap_or_default();
    let start = d.within("`start`", |d| start(d, rec.get("start")));

    let mut people = Vec::new();
    let mut person_spans = Vec::new();
    if let Some(list) = rec.require(d, "people") {
        for (i, node) in d
            .list_at_most(list, "people", limits::PEOPLE)
            .iter()
            .enumerate()
        {
            if let Some((p, span)) = d.within(label(node, "person", i), |d| person(d, node)) {
                person_spans.push((p.id.clone(), span));
                people.push(p);
            }
        }
    }
    unique(
        d,
        person_spans.iter().map(|(id, s)| (id.as_str(), *s)),
        "person",
    );

    let mut segments = Vec::new();
    let mut segment_spans = Vec::new();
    if let Some(list) = rec.require(d, "segments") {
        let nodes = d.list_at_most(list, "segments", limits::SEGMENTS);
        if nodes.is_empty() {
            d.error(
                list.span,
                "a scenario needs at least one customer segment",
                Some("add a segment such as `(id: \"smb\", name: \"Small businesses\")`".into()),
            );
        }
        for (i, node) in nodes.iter().enumerate() {
            if let Some((s, span)) = d.within(label(node, "segment", i), |d| segment(d, node)) {
                segment_spans.push((s.id.clone(), span));
                segments.push(s);
            }
        }
    }
    unique(
        d,
        segment_spans.iter().map(|(id, s)| (id.as_str(), *s)),
        "segment",
    );
    let segment_ids: Vec<&str> = segments.iter().map(|s| s.id.as_str()).collect();

    let mut items = Vec::new();
    let mut item_spans = Vec::new();
    if let Some(list) = rec.get("items") {
        for (i, node) in d
            .list_at_most(list, "items", limits::ITEMS)
            .iter()
            .enumerate()
        {
            let found = d.within(label(node, "item", i), |d| item(d, node, &segment_ids));
            if let Some((it, span)) = found {
                item_spans.push((it.id.to_string(), span));
                items.push(it);
            }
        }
    }
    unique(
        d,
        item_spans.iter().map(|(id, s)| (id.as_str(), *s)),
        "item",
    );

    let actions = match rec.get("actions") {
        Some(list) => {
            let mut out = Vec::new();
            let mut spans = Vec::new();
            for (i, node) in d
                .list_at_most(list, "actions", limits::ACTIONS)
                .iter()
                .enumerate()
            {
                let found = if matches!(node.kind, Kind::Str(_)) {
                    picked(
                        d,
                        node,
                        "action",
                        library.actions.iter().map(|a| a.id.as_str()),
                        |id| library.actions.iter().find(|a| a.id == id).cloned(),
                    )
                } else {
                    d.within(label(node, "action", i), |d| action(d, node, &mut refs))
                };
                if let Some(a) = found {
                    spans.push((a.id.clone(), node.span));
                    out.push(a);
                }
            }
            unique(d, spans.iter().map(|(id, s)| (id.as_str(), *s)), "action");
            out
        }
        None => library.actions.clone(),
    };
    if actions.is_empty() {
        d.error(rec.span, "this scenario leaves the player no actions", Some("list library actions such as `actions: [\"mentor\", \"explain\"]`, or leave `actions` out to offer them all".into()));
    }

    let mut events = Vec::new();
    if let Some(list) = rec.get("events") {
        let mut spans = Vec::new();
        for (i, node) in d
            .list_at_most(list, "events", limits::EVENTS)
            .iter()
            .enumerate()
        {
            let found = if matches!(node.kind, Kind::Str(_)) {
                picked(
                    d,
                    node,
                    "event",
                    library.events.iter().map(|e| e.id.as_str()),
                    |id| library.events.iter().find(|e| e.id == id).cloned(),
                )
            } else {
                d.within(label(node, "event", i), |d| event(d, node, &mut refs))
            };
            if let Some(e) = found {
                spans.push((e.id.clone(), node.span));
                events.push(e);
            }
        }
        unique(d, spans.iter().map(|(id, s)| (id.as_str(), *s)), "event");
    }

    let mut lessons = Vec::new();
    if let Some(list) = rec.get("lessons") {
        for (i, node) in d
            .list_at_most(list, "lessons", limits::LESSONS)
            .iter()
            .enumerate()
        {
            if let Some(l) = d.within(format!("lesson {}", i + 1), |d| lesson(d, node)) {
                lessons.push(l);
            }
        }
    }

    let mut person_ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    let mut segment_ids = segment_ids;
    for ids in [&mut person_ids, &mut segment_ids] {
        ids.sort_unstable();
        ids.dedup();
    }
    for (kind, (id, span, place)) in refs.wanted {
        let (ids, what, field) = match kind {
            RefKind::Person => (&person_ids, "person", "people"),
            RefKind::Segment => (&segment_ids, "segment", "segments"),
        };
        if ids.binary_search(&id.as_str()).is_err() {
            d.within(place, |d| {
                d.unknown_name(
                    span,
                    format!("there is no {what} with id `{}`", clip(&id)),
                    &id,
                    ids,
                    |names| format!("the {field} of this scenario are: {}", names.listed()),
                )
            });
        }
    }
    unset_flags(d, refs.flags, &actions, &events);

    let previews = rec.boolean(d, "previews", true);
    let director = rec
        .get("director")
        .and_then(|n| director(d, n))
        .unwrap_or_default();
    Some(Scenario {
        previews,
        director,
        story,
        weeks,
        model,
        phases,
        player,
        people,
        segments,
        items,
        start,
        actions,
        events,
        lessons,
    })
}

/// A library entry picked by id (`"mentor"`), or `None` after reporting an unknown id.
fn picked<'a, T>(
    d: &mut Decoder,
    node: &Node,
    what: &str,
    ids: impl Iterator<Item = &'a str> + Clone,
    find: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let Kind::Str(id) = &node.kind else {
        return None;
    };
    let found = find(id);
    if found.is_none() {
        d.unknown_name(
            node.span,
            format!("there is no built-in {what} `{}`", clip(id)),
            id,
            &ids.collect::<Vec<_>>(),
            |names| format!("built-in {what}s are: {}", names.listed()),
        );
    }
    found
}

/// Reports ids given twice.
fn unique<'a>(d: &mut Decoder, ids: impl Iterator<Item = (&'a str, Span)>, what: &str) {
    let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
    for (id, span) in ids {
        if let Some(first) = seen.get(id) {
            let hint = if first.end > first.start {
                "ids must be unique; rename one of them".to_string()
            } else {
                "ids must be unique".to_string()
            };
            d.error(
                span,
                format!("the {what} id `{}` is used twice", clip(id)),
                Some(hint),
            );
        } else {
            seen.insert(id, span);
        }
    }
}

/// How messages name the `index`th entry of a list: by its id when it has a usable one
/// ("person `ana`"), else by its position counted from 1 ("person 3").
fn label(node: &Node, noun: &str, index: usize) -> String {
    if let Kind::Struct { fields, .. } = &node.kind
        && let Some(Field {
            value: Node {
                kind: Kind::Str(id),
                ..
            },
            ..
        }) = fields.iter().find(|f| f.name.text == "id")
        && !id.is_empty()
        && id.chars().count() <= 40
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return format!("{noun} `{id}`");
    }
    format!("{noun} {}", index + 1)
}

/// Reports a record written with the wrong name before its brackets (`Scenaro(`, an
/// `Event(` among actions); no name at all is fine.
fn named(d: &mut Decoder, rec: &Record, expected: &str) {
    if let Some(name) = rec.name
        && name.text != expected
    {
        d.error(
            name.span,
            format!("expected `{expected}(` here, but it says `{}(`", name.text),
            Some(format!("write `{expected}(`")),
        );
    }
}

/// Reports every flag a condition tests that no effect of the scenario ever sets: such a
/// test never changes, so it is a typo or a forgotten `SetFlag`.
fn unset_flags(d: &mut Decoder, read: Vec<Wanted>, actions: &[ActionDef], events: &[EventDef]) {
    let effects = actions.iter().flat_map(|a| &a.effects).chain(
        events
            .iter()
            .flat_map(|e| e.choices.iter().flat_map(|c| &c.effects)),
    );
    let mut set: Vec<&str> = effects
        .filter_map(|e| match e {
            Effect::SetFlag(f) => Some(f.as_str()),
            _ => None,
        })
        .collect();
    set.sort_unstable();
    set.dedup();
    for (flag, span, place) in read {
        if set.binary_search(&flag.as_str()).is_ok() {
            continue;
        }
        d.within(place, |d| {
            d.unknown_name(
                span,
                format!(
                    "no action or event ever sets the flag `{}`, so this test never changes",
                    clip(&flag)
                ),
                &flag,
                &set,
                |_| {
                    format!(
                        "set it in an action's or a choice's effects: `SetFlag(\"{}\")`",
                        clip(&flag)
                    )
                },
            )
        });
    }
}

/// The `player` section, with every default when it is left out.
fn player(d: &mut Decoder, node: Option<&Node>) -> Player {
    let mut p = Player {
        hours: 40.0,
        engineering: 0.5,
        leadership: 0.5,
        management: 0.5,
    };
    if let Some(r) = node.and_then(|n| d.record(n, "player", PLAYER_FIELDS)) {
        p.hours = number(d, &r, "hours", 1.0, 168.0, p.hours);
        p.engineering = number(d, &r, "engineering", 0.0, 1.0, p.engineering);
        p.leadership = number(d, &r, "leadership", 0.0, 1.0, p.leadership);
        p.management = number(d, &r, "management", 0.0, 1.0, p.management);
    }
    p
}

/// The `start` section, with every default when it is left out.
fn start(d: &mut Decoder, node: Option<&Node>) -> Start {
    match node.and_then(|n| d.record(n, "start", START_FIELDS)) {
        Some(s) => Start {
            focus: number(d, &s, "focus", 0.0, 1.0, 0.0),
            reach: number(d, &s, "reach", 0.0, 1.0, 0.0),
            debt: number(d, &s, "debt", 0.0, 100.0, 0.0),
            budget: number(d, &s, "budget", -1e9, 1e9, 0.0),
            generated_items: s
                .get("generated_items")
                .and_then(|n| d.integer_in(n, "generated_items", 0, limits::GENERATED_ITEMS as i64))
                .unwrap_or(60) as u32,
        },
        None => Start {
            generated_items: 60,
            ..Start::default()
        },
    }
}

/// An optional number field with a range and a default.
fn number(d: &mut Decoder, rec: &Record, name: &str, min: f64, max: f64, default: f64) -> f64 {
    rec.get(name)
        .and_then(|n| d.number_in(n, name, min, max))
        .unwrap_or(default)
}

/// A required text field.
fn required_text(d: &mut Decoder, rec: &Record, name: &str) -> String {
    rec.require(d, name)
        .and_then(|n| d.text(n, name))
        .unwrap_or_default()
}

/// An optional list of texts.
fn texts(d: &mut Decoder, rec: &Record, name: &str) -> Vec<String> {
    let Some(list) = rec.get(name) else {
        return Vec::new();
    };
    d.list(list, name)
        .iter()
        .filter_map(|n| d.text_entry(n, name))
        .collect()
}

/// The goals: each a text, or `Goal(text: "…", check: <condition>)` for one the game can
/// tell is met.
fn goals(d: &mut Decoder, rec: &Record, refs: &mut Refs) -> Vec<Goal> {
    let Some(list) = rec.get("goals") else {
        return Vec::new();
    };
    d.list(list, "goals")
        .iter()
        .filter_map(|node| match &node.kind {
            Kind::Str(text) => Some(Goal {
                text: text.clone(),
                check: None,
            }),
            Kind::Struct { .. } | Kind::Tuple { .. } => {
                let goal = d.record(node, "goal", GOAL_FIELDS)?;
                named(d, &goal, "Goal");
                let text = required_text(d, &goal, "text");
                let check = goal
                    .get("check")
                    .and_then(|n| whole_condition(d, n, refs, "check"));
                Some(Goal { text, check })
            }
            _ => {
                d.error(
                    node.span,
                    format!(
                        "each goal should be a text in quotes or a `Goal(text: …, check: …)`, \
                         but here it is {}",
                        shown(node)
                    ),
                    Some(
                        "for example `Goal(text: \"Keep everyone\", check: Is(measure: TeamSize, \
                         at_least: 5))`"
                            .into(),
                    ),
                );
                None
            }
        })
        .collect()
}

/// An id: non-empty letters, digits, `-` and `_`.
fn id(d: &mut Decoder, rec: &Record, what: &str) -> Option<(String, Span)> {
    let node = rec.require(d, "id")?;
    let text = d.text(node, "id")?;
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        d.error(
            node.span,
            format!("the {what} id `{text}` may only use letters, digits, `-` and `_`"),
            Some("for example \"priya\" or \"enterprise-customers\"".into()),
        );
        return None;
    }
    Some((text, node.span))
}

/// The `model` section: any coefficient by name, over `base` (the defaults for a scenario's
/// own model, the scenario's for a phase's).
fn model(d: &mut Decoder, node: &Node, base: &Model) -> Model {
    let mut names: Vec<&str> = Model::COEFFICIENTS.iter().map(|c| c.name).collect();
    // Model version 5 moved the weekly chance of an event to the director: say where.
    if let Kind::Struct { fields, .. } = &node.kind
        && let Some(old) = fields.iter().find(|f| f.name.text == "event_chance")
    {
        d.error(
            old.name.span,
            "`event_chance` is no longer in the model: the scenario's director paces events",
            Some(
                "remove it and write `director: (pace: N)` at the top level, N the weeks between \
                 decisions on average (about 1 ÷ the old chance; 2 to 12)"
                    .into(),
            ),
        );
        names.push("event_chance");
    }
    let mut model = base.clone();
    if let Some(rec) = d.record(node, "model", &names) {
        for c in Model::COEFFICIENTS {
            if let Some(v) = rec
                .get(c.name)
                .and_then(|n| d.number_in(n, c.name, c.min, c.max))
            {
                model.set(c.name, v);
            }
        }
    }
    model
}

/// `phases: [(from: 12, name: "Launch", says: "…", model: (ticket_rate: 0.3)), …]`: in the
/// order they begin, each from week 2 to the run's last.
fn phases(d: &mut Decoder, node: &Node, base: &Model, weeks: u32) -> Vec<Phase> {
    let mut phases: Vec<Phase> = Vec::new();
    for (i, node) in d
        .list_at_most(node, "phases", limits::PHASES)
        .iter()
        .enumerate()
    {
        let place = format!("phase {}", i + 1);
        let phase = d.within(place, |d| {
            let rec = d.record(node, "phase", PHASE_FIELDS)?;
            let from = rec
                .require(d, "from")
                .and_then(|n| d.integer_in(n, "from", 2, i64::from(weeks.max(2))))?
                as u32;
            if let Some(last) = phases.last()
                && from <= last.from
                && let Some(n) = rec.get("from")
            {
                d.error(
                    n.span,
                    format!(
                        "this phase begins in week {from}, not after the one before it (week {})",
                        last.from
                    ),
                    Some("list phases in the order they begin, each in a later week".into()),
                );
            }
            let model = rec
                .get("model")
                .map(|n| d.within("`model`", |d| model(d, n, base)))
                .unwrap_or_else(|| base.clone());
            Some(Phase {
                from,
                name: required_text(d, &rec, "name"),
                says: required_text(d, &rec, "says"),
                model,
            })
        });
        phases.extend(phase);
    }
    phases
}

fn person(d: &mut Decoder, node: &Node) -> Option<(Person, Span)> {
    let rec = d.record(node, "person", PERSON_FIELDS)?;
    let (pid, span) = id(d, &rec, "person")?;
    let skill = number(d, &rec, "skill", 0.0, 1.0, 0.5);
    let potential = number(d, &rec, "potential", 0.0, 1.0, (skill + 0.3).min(1.0));
    if let Some(n) = rec.get("potential")
        && potential < skill
    {
        d.error(
            n.span,
            format!("`potential` ({potential}) is below `skill` ({skill})"),
            Some(
                "potential is the most skill this person can reach; make it at least their skill"
                    .into(),
            ),
        );
    }
    let person = Person {
        name: rec
            .get("name")
            .and_then(|n| d.text(n, "name"))
            .unwrap_or_else(|| pid.clone()),
        id: pid,
        role: rec
            .get("role")
            .and_then(|n| unit(d, n, "role", ROLES))
            .and_then(role)
            .unwrap_or(Role::Engineer),
        team: rec
            .get("team")
            .and_then(|n| d.integer_in(n, "team", 0, 100))
            .unwrap_or(0) as u32,
        skill,
        potential: potential.max(skill),
        morale: number(d, &rec, "morale", 0.0, 1.0, 0.6),
        autonomy: number(d, &rec, "autonomy", 0.0, 1.0, 0.5),
        clarity: number(d, &rec, "clarity", 0.0, 1.0, 0.5),
        flight_risk: number(d, &rec, "flight_risk", 0.0, 1.0, 0.1),
        tenure: number(d, &rec, "tenure", 0.0, 1000.0, 52.0),
        busy: 0.0,
        booked: 0.0,
        traits: rec.get("traits").map(|list| {
            let names = d.list_at_most(list, "traits", Trait::ALL.len());
            Traits::of(
                names
                    .iter()
                    .filter_map(|n| unit(d, n, "trait", TRAITS))
                    .filter_map(Trait::from_name),
            )
        }),
    };
    Some((person, span))
}

fn segment(d: &mut Decoder, node: &Node) -> Option<(Segment, Span)> {
    let rec = d.record(node, "segment", SEGMENT_FIELDS)?;
    let (sid, span) = id(d, &rec, "segment")?;
    let opens = rec
        .get("opens")
        .and_then(|n| d.integer_in(n, "opens", 1, limits::WEEKS as i64))
        .unwrap_or(1) as u32;
    // Customers who cannot buy yet have not adopted anything.
    if opens > 1
        && let Some(n) = rec.get("adoption")
        && !matches!(n.kind, Kind::Int(0))
        && !matches!(n.kind, Kind::Float(x) if x == 0.0)
    {
        d.error(
            n.span,
            format!("a segment that opens in week {opens} has no customers before it"),
            Some("leave `adoption` out (it starts at 0), or open the segment from week 1".into()),
        );
    }
    Some((
        Segment {
            name: rec
                .get("name")
                .and_then(|n| d.text(n, "name"))
                .unwrap_or_else(|| sid.clone()),
            id: sid,
            size: number(d, &rec, "size", 0.0, 1e9, 100.0),
            price: number(d, &rec, "price", 0.0, 1e6, 1.0),
            adoption: number(d, &rec, "adoption", 0.0, 1.0, 0.0),
            satisfaction: number(d, &rec, "satisfaction", 0.0, 1.0, 0.6),
            worth: 0.0,
            reach: 0.0,
            opens,
        },
        span,
    ))
}

fn item(d: &mut Decoder, node: &Node, segments: &[&str]) -> Option<(Item, Span)> {
    let rec = d.record(node, "item", ITEM_FIELDS)?;
    let (iid, span) = id(d, &rec, "item")?;
    let mut value = vec![0.0; segments.len()];
    if let Some(map) = rec.get("value") {
        for (key, key_span, v) in d.map(map, "value") {
            let amount = d.number_in(v, "value", 0.0, 1e6);
            match segments.iter().position(|s| *s == key) {
                Some(i) => value[i] = amount.unwrap_or(0.0),
                None => d.unknown_name(
                    key_span,
                    format!("there is no segment with id `{}`", clip(&key)),
                    &key,
                    segments,
                    |names| format!("the segments of this scenario are: {}", names.listed()),
                ),
            }
        }
    }
    Some((
        Item {
            name: rec
                .get("name")
                .and_then(|n| d.text(n, "name"))
                .unwrap_or_else(|| iid.clone())
                .into(),
            id: iid.into(),
            effort: number(d, &rec, "effort", 0.1, 1e4, 5.0),
            value: value.into(),
            appeal: number(d, &rec, "appeal", 0.0, 1.0, 0.5),
            revealed: rec
                .get("revealed")
                .and_then(|n| d.boolean(n, "revealed"))
                .unwrap_or(false),
            progress: 0.0,
            shipped: None,
            quality: 0.0,
            fit: 1.0,
        },
        span,
    ))
}

fn action(d: &mut Decoder, node: &Node, refs: &mut Refs) -> Option<ActionDef> {
    let rec = d.record(node, "action", ACTION_FIELDS)?;
    named(d, &rec, "Action");
    let (aid, _) = id(d, &rec, "action")?;
    let family = rec
        .require(d, "family")
        .and_then(|n| unit(d, n, "family", FAMILIES))
        .and_then(family);
    let target = rec
        .get("target")
        .and_then(|n| unit(d, n, "target", TARGETS))
        .and_then(target_kind)
        .unwrap_or(TargetKind::None);
    let effects = rec
        .require(d, "effects")
        .map(|n| effects(d, n, refs, Aim::Action(target)))
        .unwrap_or_default();
    Some(ActionDef {
        name: rec
            .get("name")
            .and_then(|n| d.text(n, "name"))
            .unwrap_or_else(|| aid.clone()),
        id: aid,
        description: rec
            .get("description")
            .and_then(|n| d.text(n, "description"))
            .unwrap_or_default(),
        family: family.unwrap_or(Family::Leadership),
        hours: rec
            .require(d, "hours")
            .and_then(|n| d.number_in(n, "hours", 0.0, 168.0))
            .unwrap_or(1.0),
        target,
        requires: rec
            .get("requires")
            .and_then(|n| whole_condition(d, n, refs, "requires"))
            .unwrap_or(Condition::Always),
        effects,
    })
}

fn event(d: &mut Decoder, node: &Node, refs: &mut Refs) -> Option<EventDef> {
    let rec = d.record(node, "event", EVENT_FIELDS)?;
    named(d, &rec, "Event");
    let (eid, _) = id(d, &rec, "event")?;
    let subject = rec.get("subject").and_then(|n| subject(d, n, refs));
    let aim = Aim::Event(subject.is_some() || rec.get("subject").is_some());
    let mut choices = Vec::new();
    if let Some(list) = rec.require(d, "choices") {
        let nodes = d.list_at_most(list, "choices", limits::CHOICES);
        if nodes.is_empty() {
            d.error(
                list.span,
                "an event needs at least one choice",
                Some("add `(label: \"OK\", effects: [])` for an event that only informs".into()),
            );
        }
        for (i, n) in nodes.iter().enumerate() {
            let choice = d.within(format!("choice {}", i + 1), |d| {
                let c = d.record(n, "choice", CHOICE_FIELDS)?;
                let effects = c
                    .get("effects")
                    .map(|e| effects(d, e, refs, aim))
                    .unwrap_or_default();
                let label = required_text(d, &c, "label");
                let hint = c.text(d, "hint").unwrap_or_default();
                if aim == Aim::Event(false) {
                    nameless(d, &c, "label", &label);
                    nameless(d, &c, "hint", &hint);
                }
                Some(Choice {
                    label,
                    hint,
                    effects,
                })
            });
            choices.extend(choice);
        }
    }
    let text = required_text(d, &rec, "text");
    if aim == Aim::Event(false) {
        nameless(d, &rec, "text", &text);
    }
    let once = rec
        .get("once")
        .and_then(|n| d.boolean(n, "once"))
        .unwrap_or(false);
    let times = rec
        .get("times")
        .and_then(|n| d.integer_in(n, "times", 1, limits::WEEKS as i64))
        .map(|n| n as u32);
    Some(EventDef {
        title: required_text(d, &rec, "title"),
        text,
        id: eid,
        weight: number(d, &rec, "weight", 0.0, 1000.0, 1.0),
        kind: rec
            .get("kind")
            .and_then(|n| unit(d, n, "kind", KINDS))
            .and_then(event_kind)
            .unwrap_or(EventKind::Trouble),
        when: rec
            .get("when")
            .and_then(|n| whole_condition(d, n, refs, "when"))
            .unwrap_or(Condition::Always),
        subject,
        times: if once {
            1
        } else {
            times.unwrap_or(EventDef::TIMES)
        },
        cooldown: rec
            .get("cooldown")
            .and_then(|n| d.integer_in(n, "cooldown", 0, 520))
            .unwrap_or(4) as u32,
        always: rec.boolean(d, "always", false),
        choices,
    })
}

/// `director: (pace: 4, temper: Steady)`: both optional.
fn director(d: &mut Decoder, node: &Node) -> Option<Director> {
    let rec = d.record(node, "director", DIRECTOR_FIELDS)?;
    let pace = number(d, &rec, "pace", 2.0, Director::SLOWEST, Director::PACE);
    let temper = rec
        .get("temper")
        .and_then(|n| unit(d, n, "temper", TEMPERS))
        .and_then(temper)
        .unwrap_or(Temper::Steady);
    Some(Director::new(pace, temper))
}

fn lesson(d: &mut Decoder, node: &Node) -> Option<Lesson> {
    let rec = d.record(node, "lesson", LESSON_FIELDS)?;
    let policy = |d: &mut Decoder, name: &str| {
        rec.require(d, name)
            .and_then(|n| unit(d, n, name, POLICIES))
            .and_then(Policy::from_name)
    };
    let better = policy(d, "better");
    let worse = policy(d, "worse");
    let score = rec
        .require(d, "score")
        .and_then(|n| unit(d, n, "score", SCORES))
        .map(|s| {
            if s == "Output" {
                Score::Output
            } else {
                Score::Value
            }
        });
    let text = required_text(d, &rec, "text");
    let share = number(d, &rec, "share", 0.0, 1.0, 0.9);
    if let (Some(b), Some(w)) = (better, worse)
        && b == w
    {
        let at = rec.get("worse").map_or(rec.head, |n| n.span);
        d.error(
            at,
            format!(
                "`better` and `worse` are both `{}`: a lesson compares two different bots",
                b.variant()
            ),
            Some("choose another bot for `worse`".into()),
        );
    }
    Some(Lesson {
        text,
        better: better?,
        worse: worse?,
        score: score?,
        share,
    })
}

/// A bare name from a fixed set (`Engineer`), with did-you-mean.
fn unit<'n>(d: &mut Decoder, node: &'n Node, what: &str, allowed: &[&str]) -> Option<&'n str> {
    let v = d.variant(node, what, allowed)?;
    match v.payload {
        Payload::Unit => Some(v.name),
        _ => {
            d.error(
                node.span,
                format!(
                    "`{what}` takes a plain name like `{}`, without brackets",
                    allowed.first().copied().unwrap_or("")
                ),
                None,
            );
            None
        }
    }
}

fn role(name: &str) -> Option<Role> {
    Role::ALL.into_iter().find(|r| r.name() == name)
}
fn temper(name: &str) -> Option<Temper> {
    Temper::ALL
        .into_iter()
        .find(|t| Temper::NAMES[*t as usize] == name)
}
fn event_kind(name: &str) -> Option<EventKind> {
    EventKind::ALL
        .into_iter()
        .find(|k| EventKind::NAMES[*k as usize] == name)
}
fn stat(name: &str) -> Option<Stat> {
    Stat::ALL.into_iter().find(|s| s.name() == name)
}
fn family(name: &str) -> Option<Family> {
    Family::ALL.into_iter().find(|f| f.name() == name)
}
fn competency(name: &str) -> Option<Competency> {
    Competency::ALL.into_iter().find(|c| c.name() == name)
}
fn target_kind(name: &str) -> Option<TargetKind> {
    TargetKind::ALL.into_iter().find(|t| t.name() == name)
}

/// A list of effects. `aim` says what `Target` can mean here, so an effect on a `Target`
/// that cannot exist (which would silently do nothing) is reported.
fn effects(d: &mut Decoder, node: &Node, refs: &mut Refs, aim: Aim) -> Vec<Effect> {
    let mut out = Vec::new();
    for n in d.list_at_most(node, "effects", limits::EFFECTS) {
        if let Some(e) = effect(d, n, refs) {
            aimless(d, &e, n.span, aim);
            out.push(e);
        }
    }
    out
}

/// Reports an effect on `Target` where there is no such target: a person target in an
/// action not aimed at a person or an event without a subject, or `Pin` without an item.
fn aimless(d: &mut Decoder, effect: &Effect, span: Span, aim: Aim) {
    let on_person = match effect {
        Effect::Adjust { who, .. }
        | Effect::Grow { who, .. }
        | Effect::Busy { who, .. }
        | Effect::Leave { who } => *who == Who::Target,
        _ => false,
    };
    let (message, hint) = match aim {
        Aim::Action(kind) if on_person && kind != TargetKind::Person => (
            "`Target` means the person the action is aimed at, but this action is not aimed at a person",
            "add `target: Person` to the action, or name who: `Everyone`, `Role(Support)`, `Person(\"id\")`",
        ),
        Aim::Event(false) if on_person => (
            "`Target` means the event's subject, but this event has no `subject`",
            "add `subject: Anyone` (or `Highest(Morale)`, `Person(\"id\")`) to the event",
        ),
        Aim::Action(kind) if *effect == Effect::Pin && kind != TargetKind::Item => (
            "`Pin` puts the targeted item first, but this action is not aimed at an item",
            "add `target: Item` to the action",
        ),
        Aim::Event(_) if *effect == Effect::Pin => (
            "`Pin` only works in an action aimed at an item",
            "move it to an action with `target: Item`",
        ),
        _ => return,
    };
    d.error(span, message, Some(hint.into()));
}

/// Reports `{name}` in a text of an event without a subject: it would show as nothing.
fn nameless(d: &mut Decoder, rec: &Record, field: &str, text: &str) {
    if let Some(n) = rec.get(field)
        && text.contains("{name}")
    {
        d.error(
            n.span,
            format!("`{{name}}` in `{field}` stands for the event's subject, but this event has no `subject`"),
            Some("add `subject: Anyone` (or `Highest(Morale)`, `Person(\"id\")`) to the event".into()),
        );
    }
}

/// The payload of a variant as a record with the given fields (reports a wrong shape).
fn fields<'n>(
    d: &mut Decoder,
    node: &'n Node,
    name: &str,
    payload: Payload<'n>,
    allowed: &[&str],
) -> Option<Record<'n>> {
    match payload {
        Payload::Record(r) => {
            d.check_fields(&r, name, allowed);
            Some(r)
        }
        _ => {
            let example = allowed
                .iter()
                .map(|f| format!("{f}: …"))
                .collect::<Vec<_>>()
                .join(", ");
            d.error(
                node.span,
                format!("`{name}` needs named values"),
                Some(format!("write it as `{name}({example})`")),
            );
            None
        }
    }
}

/// The single value inside `Name(x)` (reports a wrong shape).
fn single<'n>(
    d: &mut Decoder,
    node: &'n Node,
    name: &str,
    payload: Payload<'n>,
    example: &str,
) -> Option<&'n Node> {
    match payload {
        Payload::Tuple([one]) => Some(one),
        _ => {
            d.error(
                node.span,
                format!("`{name}` takes one value in brackets"),
                Some(format!("write it as `{name}({example})`")),
            );
            None
        }
    }
}

fn effect(d: &mut Decoder, node: &Node, refs: &mut Refs) -> Option<Effect> {
    let v = d.variant(node, "effect", EFFECTS)?;
    let name = v.name;
    let shape =
        |d: &mut Decoder, allowed: &[&str]| fields(d, node, name, v.payload.clone(), allowed);
    let e = match name {
        "Adjust" | "Grow" => {
            let key = if name == "Adjust" { "by" } else { "share" };
            let r = shape(d, &["who", key, "stat"])?;
            let who = r.require(d, "who").and_then(|n| who(d, n, refs));
            let st = r
                .require(d, "stat")
                .and_then(|n| unit(d, n, "stat", STATS))
                .and_then(stat);
            let amount = r
                .require(d, key)
                .and_then(|n| d.number_in(n, key, -1.0, 1.0));
            let (who, stat, amount) = (who?, st?, amount?);
            if name == "Adjust" {
                Effect::Adjust {
                    who,
                    stat,
                    by: amount,
                }
            } else {
                Effect::Grow {
                    who,
                    stat,
                    share: amount,
                }
            }
        }
        "Busy" => {
            let r = shape(d, &["who", "share"])?;
            let who = r.require(d, "who").and_then(|n| who(d, n, refs));
            let share = r
                .require(d, "share")
                .and_then(|n| d.number_in(n, "share", 0.0, 1.0));
            Effect::Busy {
                who: who?,
                share: share?,
            }
        }
        "Build" => Effect::Build {
            hours: one_number(d, node, name, v.payload.clone(), "hours", 0.0, 168.0)?,
        },
        "Boost" => Effect::Boost {
            share: one_number(d, node, name, v.payload.clone(), "share", 0.0, 1.0)?,
        },
        "Focus" => Effect::Focus {
            by: one_number(d, node, name, v.payload.clone(), "by", -1.0, 1.0)?,
        },
        "Reach" => Effect::Reach {
            by: one_number(d, node, name, v.payload.clone(), "by", -1.0, 1.0)?,
        },
        "Debt" => Effect::Debt {
            by: one_number(d, node, name, v.payload.clone(), "by", -100.0, 100.0)?,
        },
        "Budget" => Effect::Budget {
            by: one_number(d, node, name, v.payload.clone(), "by", -1e9, 1e9)?,
        },
        "Hours" => Effect::Hours {
            by: one_number(d, node, name, v.payload.clone(), "by", -168.0, 168.0)?,
        },
        "Pin" => Effect::Pin,
        "Reveal" => {
            let r = shape(d, &["segments", "items"])?;
            let segments = r
                .get("segments")
                .and_then(|n| segments(d, n, refs))
                .unwrap_or(Segments::Target);
            let items = r
                .require(d, "items")
                .and_then(|n| d.integer_in(n, "items", 0, 100))?;
            Effect::Reveal {
                segments,
                items: items as u32,
            }
        }
        "Satisfaction" | "Adoption" => {
            let r = shape(d, &["segments", "by"])?;
            let segments = r
                .get("segments")
                .and_then(|n| segments(d, n, refs))
                .unwrap_or(Segments::All);
            let by = r
                .require(d, "by")
                .and_then(|n| d.number_in(n, "by", -1.0, 1.0))?;
            if name == "Satisfaction" {
                Effect::Satisfaction { segments, by }
            } else {
                Effect::Adoption { segments, by }
            }
        }
        "Competency" => {
            let r = shape(d, &["competency", "by"])?;
            let c = r
                .require(d, "competency")
                .and_then(|n| unit(d, n, "competency", COMPETENCIES))
                .and_then(competency);
            let by = r
                .require(d, "by")
                .and_then(|n| d.number_in(n, "by", -1.0, 1.0));
            Effect::Competency {
                competency: c?,
                by: by?,
            }
        }
        "Hire" => {
            let r = shape(d, &["role", "skill"])?;
            let ro = r
                .get("role")
                .and_then(|n| unit(d, n, "role", ROLES))
                .and_then(role)
                .unwrap_or(Role::Engineer);
            let skill = number(d, &r, "skill", 0.0, 1.0, 0.45);
            Effect::Hire { role: ro, skill }
        }
        "Leave" => {
            let r = shape(d, &["who"])?;
            Effect::Leave {
                who: r.require(d, "who").and_then(|n| who(d, n, refs))?,
            }
        }
        "SetFlag" | "ClearFlag" => {
            let flag = single(d, node, name, v.payload.clone(), "\"launched\"")
                .and_then(|n| d.quoted(n, name))?;
            if name == "SetFlag" {
                Effect::SetFlag(flag)
            } else {
                Effect::ClearFlag(flag)
            }
        }
        _ => return None,
    };
    Some(e)
}

/// `Name(field: x)` or `Name(x)` holding one number.
fn one_number(
    d: &mut Decoder,
    node: &Node,
    name: &str,
    payload: Payload,
    field: &str,
    min: f64,
    max: f64,
) -> Option<f64> {
    match payload {
        Payload::Tuple([one]) => d.number_in(one, field, min, max),
        Payload::Record(r) => {
            d.check_fields(&r, name, &[field]);
            r.require(d, field)
                .and_then(|n| d.number_in(n, field, min, max))
        }
        _ => {
            d.error(
                node.span,
                format!("`{name}` needs a number"),
                Some(format!("write it as `{name}({field}: 1)`")),
            );
            None
        }
    }
}

fn who(d: &mut Decoder, node: &Node, refs: &mut Refs) -> Option<Who> {
    let v = d.variant(node, "who", WHO)?;
    Some(match v.name {
        "Target" => Who::Target,
        "Everyone" => Who::Everyone,
        "Role" => Who::Role(
            single(d, node, "Role", v.payload, "Support")
                .and_then(|n| unit(d, n, "role", ROLES))
                .and_then(role)?,
        ),
        "Person" => {
            let n = single(d, node, "Person", v.payload, "\"priya\"")?;
            let id = d.quoted(n, "Person")?;
            refs.wanted
                .push((RefKind::Person, (id.clone(), n.span, d.place())));
            Who::Person(id)
        }
        _ => return None,
    })
}

fn segments(d: &mut Decoder, node: &Node, refs: &mut Refs) -> Option<Segments> {
    let v = d.variant(node, "segments", SEGMENTS)?;
    Some(match v.name {
        "Target" => Segments::Target,
        "All" => Segments::All,
        "Segment" => {
            let n = single(d, node, "Segment", v.payload, "\"smb\"")?;
            let id = d.quoted(n, "Segment")?;
            refs.wanted
                .push((RefKind::Segment, (id.clone(), n.span, d.place())));
            Segments::Segment(id)
        }
        _ => return None,
    })
}

fn subject(d: &mut Decoder, node: &Node, refs: &mut Refs) -> Option<Subject> {
    let v = d.variant(node, "subject", SUBJECTS)?;
    Some(match v.name {
        "Highest" | "Lowest" => {
            let s = single(d, node, v.name, v.payload, "Morale")
                .and_then(|n| unit(d, n, "stat", STATS))
                .and_then(stat)?;
            if v.name == "Highest" {
                Subject::Highest(s)
            } else {
                Subject::Lowest(s)
            }
        }
        "Anyone" => Subject::Anyone,
        "Person" => {
            let n = single(d, node, "Person", v.payload, "\"priya\"")?;
            let id = d.quoted(n, "Person")?;
            refs.wanted
                .push((RefKind::Person, (id.clone(), n.span, d.place())));
            Subject::Person(id)
        }
        _ => return None,
    })
}

/// An action's `requires` or an event's `when`: a condition of at most
/// [`limits::CONDITION_PARTS`] parts in all, since it is asked every week (for every plan
/// entry, for `requires`).
fn whole_condition(d: &mut Decoder, node: &Node, refs: &mut Refs, what: &str) -> Option<Condition> {
    fn parts(c: &Condition) -> usize {
        match c {
            Condition::All(cs) | Condition::Any(cs) => 1 + cs.iter().map(parts).sum::<usize>(),
            Condition::Not(c) => 1 + parts(c),
            Condition::Always | Condition::Flag(_) | Condition::Is { .. } => 1,
        }
    }
    let c = condition(d, node, refs, 0)?;
    let n = parts(&c);
    if n > limits::CONDITION_PARTS {
        d.error(
            node.span,
            format!(
                "`{what}` has {n} parts; a condition may have at most {}",
                limits::CONDITION_PARTS
            ),
            Some("the format's limits keep every week quick; see \"Limits\" in docs/scenario-format.md".into()),
        );
        return None;
    }
    Some(c)
}

/// Conditions nest; `depth` bounds it so a hostile file cannot exhaust the stack.
fn condition(d: &mut Decoder, node: &Node, refs: &mut Refs, depth: u32) -> Option<Condition> {
    if depth > 32 {
        d.error(
            node.span,
            "conditions are nested too deeply",
            Some("simplify the condition".into()),
        );
        return None;
    }
    let v = d.variant(node, "condition", CONDITIONS)?;
    Some(match v.name {
        "Always" => Condition::Always,
        "All" | "Any" => {
            let list = single(d, node, v.name, v.payload, "[ … ]")?;
            let cs: Vec<Condition> = d
                .list_at_most(list, v.name, limits::CONDITIONS)
                .iter()
                .filter_map(|n| condition(d, n, refs, depth + 1))
                .collect();
            if v.name == "All" {
                Condition::All(cs)
            } else {
                Condition::Any(cs)
            }
        }
        "Not" => {
            let inner = single(d, node, "Not", v.payload, "Flag(\"x\")")?;
            Condition::Not(Box::new(condition(d, inner, refs, depth + 1)?))
        }
        "Flag" => {
            let n = single(d, node, "Flag", v.payload, "\"launched\"")?;
            let flag = d.quoted(n, "Flag")?;
            refs.flags.push((flag.clone(), n.span, d.place()));
            Condition::Flag(flag)
        }
        "Is" => {
            let r = fields(
                d,
                node,
                "Is",
                v.payload,
                &["measure", "at_least", "at_most"],
            )?;
            let m = r.require(d, "measure").and_then(|n| measure(d, n));
            let lo = r.get("at_least").and_then(|n| d.number(n, "at_least"));
            let hi = r.get("at_most").and_then(|n| d.number(n, "at_most"));
            if r.get("at_least").is_none() && r.get("at_most").is_none() {
                d.error(
                    r.span,
                    "`Is` needs `at_least`, `at_most` or both",
                    Some("for example `Is(measure: Mean(Morale), at_most: 0.4)`".into()),
                );
            }
            Condition::Is {
                measure: m?,
                at_least: lo,
                at_most: hi,
            }
        }
        _ => return None,
    })
}

fn measure(d: &mut Decoder, node: &Node) -> Option<Measure> {
    let v = d.variant(node, "measure", MEASURES)?;
    let of_stat = |d: &mut Decoder, payload| {
        single(d, node, v.name, payload, "Morale")
            .and_then(|n| unit(d, n, "stat", STATS))
            .and_then(stat)
    };
    Some(match v.name {
        "Week" => Measure::Week,
        "TeamSize" => Measure::TeamSize,
        "Mean" => Measure::Mean(of_stat(d, v.payload)?),
        "Max" => Measure::Max(of_stat(d, v.payload)?),
        "Min" => Measure::Min(of_stat(d, v.payload)?),
        "Focus" => Measure::Focus,
        "Reach" => Measure::Reach,
        "Debt" => Measure::Debt,
        "Budget" => Measure::Budget,
        "Adoption" => Measure::Adoption,
        "Satisfaction" => Measure::Satisfaction,
        "Competency" => Measure::Competency(
            single(d, node, "Competency", v.payload, "Leadership")
                .and_then(|n| unit(d, n, "competency", COMPETENCIES))
                .and_then(competency)?,
        ),
        "Output" => Measure::Output,
        "Value" => Measure::Value,
        _ => return None,
    })
}
