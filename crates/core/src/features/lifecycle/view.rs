//! The delete popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::features::lifecycle::Command as LifecycleCommand;
use crate::features::lifecycle::{DeleteForm, MAX_DAYS, MIN_DAYS};
use crate::kit::Theme;
use crate::kit::widgets::{centered, pane_block};
use crate::room::keys::{Bind, Labels, Verb};
use crate::room::layers::Layer;
use crate::sanitize::sanitize_line;

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    form: &DeleteForm,
    keymap: &dyn Labels,
    theme: &Theme,
) {
    let key = |command: Bind<LifecycleCommand>| keymap.of(Layer::Delete, command);
    let mut lines = vec![
        Line::styled(
            format!(
                "{} in {}",
                sanitize_line(&form.secret.name),
                sanitize_line(&form.secret.region)
            ),
            theme.header,
        ),
        Line::raw(""),
    ];
    if form.without_recovery {
        lines.push(Line::styled(
            "Delete at once, WITHOUT RECOVERY: it cannot be restored.",
            theme.error,
        ));
    } else {
        lines.push(Line::styled(
            format!(
                "Restorable for {} days ({}/{} change it: {MIN_DAYS} to {MAX_DAYS}).",
                form.days,
                key(Bind::Verb(Verb::Up)),
                key(Bind::Verb(Verb::Down))
            ),
            theme.text,
        ));
    }
    lines.push(Line::styled(
        format!(
            "{} {} · {} continue (then type the name) · {} keep it",
            key(Bind::Own(LifecycleCommand::WithoutRecovery)),
            if form.without_recovery {
                "use a recovery window"
            } else {
                "without recovery"
            },
            key(Bind::Verb(Verb::Select)),
            key(Bind::Verb(Verb::Back))
        ),
        theme.dim,
    ));
    let popup = centered(area, 72, 7);
    frame.render_widget(Clear, popup);
    let block = pane_block(Line::from(" Delete secret "), true, theme);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}
