//! Values shown in clear in a popup (a version comparison, the review before a save, a
//! conflict) until a deadline, under the same rule as the value pane: `v` shows them for
//! `reveal_timeout` and masks them again; [`Action::MaskDue`] masks them when the time is
//! up, whether or not a key was pressed.

use std::time::Instant;

use crate::room::ctx::Ctx;
use crate::room::effect::{Effect, Timer};
use crate::room::out::{Out, Room};

/// Masked, or shown until an instant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Revealed(Option<Instant>);

impl Revealed {
    pub(crate) fn is_shown(self) -> bool {
        self.0.is_some()
    }

    /// `v`: shows the values for `reveal_timeout` (and asks to be woken then), or masks them.
    /// With `reveal_timeout_secs = 0` nothing is ever shown.
    pub(crate) fn toggle<R: Room>(&mut self, ctx: &Ctx, out: &mut Out<R>) {
        if self.0.take().is_some() {
            return;
        }
        let timeout = ctx.settings.reveal_timeout;
        if timeout.is_zero() {
            out.warn("Reveal is disabled (reveal_timeout_secs = 0)");
            return;
        }
        self.0 = Some(ctx.now + timeout);
        out.effect(Effect::After {
            delay: timeout,
            timer: Timer::MaskDue,
        });
    }

    /// Masks once the deadline has passed; true when this call masked.
    pub(crate) fn expire(&mut self, now: Instant) -> bool {
        if self.0.is_some_and(|until| now >= until) {
            self.0 = None;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::room::out::Wordless;
    use crate::room::settings::Settings;

    fn ctx(settings: &Settings, now: Instant) -> Ctx<'_> {
        Ctx::bare(settings, now)
    }

    #[test]
    fn shown_until_the_timeout_then_masked() {
        let settings = Settings::default();
        let now = Instant::now();
        let mut revealed = Revealed::default();
        let mut out = Out::<Wordless>::default();
        revealed.toggle(&ctx(&settings, now), &mut out);
        assert!(revealed.is_shown());
        assert!(
            matches!(&out.effects[..], [Effect::After { delay, timer: Timer::MaskDue }]
                if *delay == settings.reveal_timeout),
            "a wake-up at the timeout"
        );
        assert!(!revealed.expire(now + Duration::from_secs(1)), "not yet");
        assert!(revealed.expire(now + settings.reveal_timeout));
        assert!(!revealed.is_shown());
    }

    #[test]
    fn toggling_masks_and_a_zero_timeout_never_shows() {
        let mut settings = Settings::default();
        let now = Instant::now();
        let mut revealed = Revealed::default();
        revealed.toggle(&ctx(&settings, now), &mut Out::<Wordless>::default());
        revealed.toggle(&ctx(&settings, now), &mut Out::<Wordless>::default());
        assert!(!revealed.is_shown());
        settings.reveal_timeout = Duration::ZERO;
        revealed.toggle(&ctx(&settings, now), &mut Out::<Wordless>::default());
        assert!(!revealed.is_shown());
    }
}
