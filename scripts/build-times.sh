#!/usr/bin/env bash
# Cold build times of the game beside a bare Bevy + bevy_egui app with the same features and
# profiles: the yardstick for a newcomer's two commands (issue "build times").
#
#   scripts/build-times.sh [test|release] [game|bare|both]
#
# `test` times `cargo test --no-run` (what `cargo test` compiles), `release` times
# `cargo build --release`. Each build starts from an empty target folder of its own under
# a temporary directory; the crates are taken from the local registry (run `cargo fetch`
# first). Prints the seconds of each and their ratio. A cold build takes 10–20 minutes on a
# 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"
which="${2:-both}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The bare app: our Bevy, bevy_egui and egui_plot lines and our profiles, copied from
# Cargo.toml so that the two stay alike.
mkdir -p "$work/bare/src"
{
    printf '[package]\nname = "bare"\nversion = "0.1.0"\nedition = "2024"\n\n[dependencies]\n'
    # From [dependencies]: the multi-line bevy dependency, bevy_egui and egui_plot, not
    # optional.
    awk '/^\[/{deps=($0 == "[dependencies]")} !deps{next}
         /^bevy = \{/{p=1} p{print} p && /\] \}$/{p=0} /^bevy_egui = |^egui_plot = /{print}' Cargo.toml \
        | sed -e 's/optional = true, //' -e 's/, optional = true//'
    printf '\n'
    # The per-platform bevy features.
    awk '/^\[target\..*\]$/{t=$0; next} t && /^bevy = /{print t; print; t=""}' Cargo.toml \
        | sed -e 's/optional = true, //'
    printf '\n'
    awk '/^\[profile/{p=1} p{print}' Cargo.toml | sed 's/package\.multiplier\]/package.bare]/'
} > "$work/bare/Cargo.toml"
cat > "$work/bare/src/main.rs" <<'RS'
//! A bare Bevy + bevy_egui app: a window with one egui window in it.
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

fn main() {
    App::new()
        .add_plugins((DefaultPlugins, EguiPlugin::default()))
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .add_systems(EguiPrimaryContextPass, ui)
        .run();
}

fn ui(mut contexts: EguiContexts) -> Result {
    egui::Window::new("bare").show(contexts.ctx_mut()?, |ui| ui.label("bare"));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn builds() {}
}
RS

build() {
    local dir="$1" target="$2"
    local start end
    start=$(date +%s)
    if [ "$mode" = release ]; then
        (cd "$dir" && CARGO_TARGET_DIR="$target" cargo build --release --quiet)
    else
        (cd "$dir" && CARGO_TARGET_DIR="$target" cargo test --no-run --quiet)
    fi
    end=$(date +%s)
    echo $((end - start))
}

game="" bare=""
if [ "$which" != bare ]; then
    git clone --quiet . "$work/game"
    game=$(build "$work/game" "$work/game-target")
    echo "game: $game s (cargo ${mode/test/test --no-run}, cold)"
fi
if [ "$which" != game ]; then
    bare=$(build "$work/bare" "$work/bare-target")
    echo "bare Bevy + bevy_egui: $bare s (cargo ${mode/test/test --no-run}, cold)"
fi
if [ -n "$game" ] && [ -n "$bare" ]; then
    awk -v g="$game" -v b="$bare" 'BEGIN { printf "ratio: %.2f\n", g / b }'
fi
