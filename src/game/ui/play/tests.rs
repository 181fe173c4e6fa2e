//! The desktop lays the play view out whole: every word and number the view says the screen
//! shows is in the text egui paints for it, run headless. The browser's page is held to the
//! same list (`host::table_pages`), so the two show the same.

use bevy_egui::egui;

use super::{Asked, Frame, layout};
use crate::app::view::play::{
    DRAWN, Fits, MONEY, fresh_run_of, mid_run_of, shown, shows, took_back, warn,
};
use crate::app::view::{BacklogOrder, PlayView};
use crate::game::ui::UiState;
use crate::game::ui::theme::{self, Palette};

/// Every piece of text in `shapes`, nested ones too.
fn texts(shapes: impl IntoIterator<Item = egui::Shape>, out: &mut Vec<String>) {
    for shape in shapes {
        match shape {
            egui::Shape::Text(t) => out.push(t.galley.text().to_string()),
            egui::Shape::Vec(inner) => texts(inner, out),
            _ => {}
        }
    }
}

#[test]
fn the_play_screen_paints_every_word_and_number_of_the_view() {
    for id in DRAWN {
        let run = mid_run_of(id);
        let notice = took_back();
        let mut view = PlayView::of(&run, Some(&notice), BacklogOrder::default());
        warn(&mut view.plan);
        assert_eq!(view.money.is_some(), id == MONEY, "{id}");
        let painted = paint(&run, &view);
        // The plan, the backlog and the feed scroll in panels of their own: what fits them
        // is what the screen shows at once (three rows of the plan, each with its warning
        // under it).
        let fits = Fits {
            plan: 3,
            backlog: 6,
            feed: 2,
        };
        assert!(
            view.plan.rows.len() > fits.plan,
            "{id}: a plan that fills its panel"
        );
        for word in shown(&view, fits) {
            let word = theme::drawable(&word);
            assert!(
                shows(&painted, &word),
                "{id}: the desktop lacks {word:?}:\n{painted}"
            );
        }
    }
}

/// A frame of `run` that does not animate, as the tests paint it.
fn still<'a>(run: &'a crate::app::Run, palette: &'a Palette) -> Frame<'a> {
    Frame {
        run,
        palette,
        animate: false,
        flow_started: None,
    }
}

/// The text the play screen paints for `view`, headless, every piece a line; it asks for
/// nothing.
fn paint(run: &crate::app::Run, view: &PlayView) -> String {
    let palette = Palette::STANDARD;
    let frame = still(run, &palette);
    let mut ui_state = UiState::default();
    let mut asked = Asked::default();
    let shapes = shapes_of(egui::vec2(3200.0, 2400.0), |ui| {
        layout(ui, &frame, view, &mut ui_state, &mut asked)
    });
    let mut painted = Vec::new();
    texts(shapes, &mut painted);
    assert!(asked.intents.is_empty(), "drawing asks for nothing");
    painted.join("\n")
}

/// What `draw` paints, headless, on a screen of `size` points, the second time it runs (the
/// first sizes the windows without painting them).
fn shapes_of(size: egui::Vec2, mut draw: impl FnMut(&mut egui::Ui)) -> Vec<egui::Shape> {
    let ctx = egui::Context::default();
    theme::style(&ctx);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        ..Default::default()
    };
    ctx.run_ui(input(), &mut draw)
        .drop_without_applying_deltas();
    let output = ctx.run_ui(input(), &mut draw);
    let shapes = output.shapes.iter().map(|s| s.shape.clone()).collect();
    output.drop_without_applying_deltas();
    shapes
}

#[test]
fn only_a_plan_entry_past_the_weeks_hours_says_it_will_be_skipped() {
    let run = mid_run_of(DRAWN[0]);
    let mut plan = PlayView::of(&run, None, BacklogOrder::default()).plan;
    let row = plan.rows.first().cloned().expect("a planned entry");
    let fits = crate::app::view::play::PlanRow {
        name: "Fits the week".into(),
        skipped: None,
        waste: None,
        ..row.clone()
    };
    let skipped = crate::app::view::play::PlanRow {
        name: "Past the hours".into(),
        skipped: Some(crate::app::view::play::WONT_FIT.into()),
        ..row
    };
    plan.rows = vec![fits, skipped];
    let hovering = |name: &str| hover_plan_row(&run, &plan, name);
    let why = "Beyond this week's hours";
    assert!(
        !hovering("Fits the week").contains(why),
        "an entry that fits"
    );
    assert!(
        hovering("Past the hours").contains(why),
        "an entry past the hours"
    );
}

/// The text the plan panel paints while the pointer rests on the row that starts with `name`.
fn hover_plan_row(
    run: &crate::app::Run,
    plan: &crate::app::view::play::PlanView,
    name: &str,
) -> String {
    let palette = Palette::STANDARD;
    let frame = still(run, &palette);
    let ctx = egui::Context::default();
    theme::style(&ctx);
    ctx.global_style_mut(|s| {
        s.interaction.tooltip_delay = 0.0;
        s.interaction.show_tooltips_only_when_still = false;
    });
    let mut asked = Asked::default();
    let mut at = None;
    let mut painted = Vec::new();
    for frame_no in 0..6 {
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(800.0, 600.0),
            )),
            time: Some(f64::from(frame_no) * 0.5),
            ..Default::default()
        };
        if let Some(pos) = at {
            input.events.push(egui::Event::PointerMoved(pos));
        }
        let output = ctx.run_ui(input, |ui| super::plan::panel(ui, &frame, plan, &mut asked));
        let shapes: Vec<_> = output.shapes.iter().map(|s| s.shape.clone()).collect();
        output.drop_without_applying_deltas();
        if at.is_none() {
            at = row_centre(shapes.clone(), name);
        }
        painted.clear();
        texts(shapes, &mut painted);
    }
    assert!(at.is_some(), "the row {name:?} is painted");
    painted.join("\n")
}

/// The middle of the first text in `shapes` that starts with `name`.
fn row_centre(shapes: Vec<egui::Shape>, name: &str) -> Option<egui::Pos2> {
    shapes.into_iter().find_map(|shape| match shape {
        egui::Shape::Text(t) if t.galley.text().starts_with(name) => {
            Some(t.pos + t.galley.rect.center().to_vec2())
        }
        egui::Shape::Vec(inner) => row_centre(inner, name),
        _ => None,
    })
}

/// Enter answers an event with its first choice, as the help says, once its window has been
/// seen: the Enter that ended the week (the same moment) does not.
#[test]
fn enter_takes_an_events_first_answer_once_it_is_seen() {
    use crate::app::Intent;
    let run = mid_run_of("brilliant-team");
    let view = PlayView::of(&run, None, BacklogOrder::default());
    let event = view.event.as_ref().expect("an event waits");
    let palette = Palette::STANDARD;
    let press = |opened: Option<f64>| -> Vec<Intent> {
        let frame = Frame {
            flow_started: opened,
            ..still(&run, &palette)
        };
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            time: Some(10.0),
            events: vec![egui::Event::Key {
                key: egui::Key::Enter,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::default(),
            }],
            ..Default::default()
        };
        let mut asked = Asked::default();
        ctx.run_ui(input, |ui| {
            super::event::modal(ui.ctx(), &frame, event, &mut asked)
        })
        .drop_without_applying_deltas();
        asked.intents
    };
    assert_eq!(
        press(None),
        vec![Intent::Decide(0)],
        "a window shown at once"
    );
    assert_eq!(
        press(Some(9.0)),
        vec![Intent::Decide(0)],
        "shown a second ago"
    );
    assert_eq!(press(Some(9.9)), vec![], "opened by the same Enter");
}

/// An entry added past the plan panel's height is scrolled into sight, the frame after it is
/// added: a key that added one out of sight seemed to do nothing.
#[test]
fn an_entry_added_past_the_panels_height_is_scrolled_into_sight() {
    let run = mid_run_of(DRAWN[0]);
    let mut plan = PlayView::of(&run, None, BacklogOrder::default()).plan;
    warn(&mut plan);
    let first = plan.rows.first().cloned().expect("a planned entry");
    let row = |name: &str| crate::app::view::play::PlanRow {
        name: name.into(),
        ..first.clone()
    };
    plan.rows
        .extend((0..6).map(|k| row(&format!("Filler {k}"))));
    let palette = Palette::STANDARD;
    let frame = still(&run, &palette);
    let ctx = egui::Context::default();
    theme::style(&ctx);
    let mut asked = Asked::default();
    // A second a frame: the scroll is animated.
    let mut time = 0.0;
    let mut paint = |plan: &crate::app::view::play::PlanView| {
        time += 1.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(400.0, 600.0),
            )),
            time: Some(time),
            ..Default::default()
        };
        let output = ctx.run_ui(input, |ui| super::plan::panel(ui, &frame, plan, &mut asked));
        let mut painted = Vec::new();
        texts(output.shapes.iter().map(|s| s.shape.clone()), &mut painted);
        output.drop_without_applying_deltas();
        painted.join("\n")
    };
    let before = paint(&plan);
    assert!(
        !before.contains("Filler 5"),
        "the last entry is out of sight:\n{before}"
    );
    plan.rows.push(row("Just added"));
    let painted = (0..4).map(|_| paint(&plan)).last().unwrap_or_default();
    assert!(painted.contains("Just added"), "{painted}");
}

/// What the player aims at stays where it is: planning an action (the first shows "Clear
/// plan") and picking an item with a long name (which wrapped "Put this item first: …" to
/// two lines) leave every action button where it was, at the narrowest the panel gets.
#[test]
fn action_buttons_stay_put_when_an_action_is_planned_or_a_target_changes() {
    use crate::app::Pick;
    let tops = |run: &crate::app::Run| -> Vec<f32> {
        let view = PlayView::of(run, None, BacklogOrder::default());
        let palette = Palette::STANDARD;
        let frame = still(run, &palette);
        let mut asked = Asked::default();
        let shapes = shapes_of(egui::vec2(270.0, 2000.0), |ui| {
            super::plan::panel(ui, &frame, &view.plan, &mut asked);
            ui.separator();
            super::actions::panel(ui, &frame, &view.actions, &mut asked);
        });
        view.actions
            .iter()
            .flat_map(|g| &g.actions)
            .map(|a| {
                text_top(&shapes, &a.control.label)
                    .unwrap_or_else(|| panic!("{} is painted", a.control.label))
            })
            .collect()
    };
    let mut run = fresh_run_of("brilliant-team");
    let before = tops(&run);
    let longest = (run.game.state().items.iter())
        .filter(|i| i.open())
        .max_by_key(|i| i.name.as_str().chars().count())
        .map(|i| i.id.to_string())
        .expect("an open item");
    run.select(Pick::Item(longest));
    run.game
        .add(crate::sim::Planned::new("explain"))
        .expect("a plan entry");
    assert_eq!(tops(&run), before);
}

/// The top of the text in `shapes` that is exactly `text` (a button's label, not a plan row
/// that starts with it).
fn text_top(shapes: &[egui::Shape], text: &str) -> Option<f32> {
    shapes.iter().find_map(|shape| match shape {
        egui::Shape::Text(t) if t.galley.text() == text => Some(t.pos.y),
        egui::Shape::Vec(inner) => text_top(inner, text),
        _ => None,
    })
}
