//! Every command smtui knows, with the stable kebab-case name the palette, the config file's
//! key tables and the docs use, and a one-line description.

use crate::kit::Move;

/// Everything a key or the palette can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    Palette,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    FocusNext,
    Filter,
    Refresh,
    ToggleDeleted,
    SortNext,
    SortReverse,
    /// The list: only the next region's secrets (after the last, every region's again).
    NextRegion,
    Reveal,
    RevealAll,
    ToggleRawJson,
    PickVersion,
    CopyValue,
    CopyArn,
    CopyName,
    /// Enter in a popup: take the highlighted entry.
    Select,
    /// Esc: close, mask or clear, whichever the layer means by it.
    Back,
    /// The confirm layer's yes and no.
    Confirm,
    Cancel,
    /// The palette: complete the input to the highlighted name.
    Complete,
    Delete,
    Restore,
    /// The delete popup: delete at once instead of after a recovery window.
    WithoutRecovery,
    Edit,
    /// The editor: review the changes, then save.
    Save,
    /// The editor: leave without saving (after the question).
    DiscardEdit,
    /// The editor: a flat JSON object one field at a time, or the whole text.
    FormMode,
    /// After a conflict: replace the text with the value someone else saved.
    ReloadTheirs,
    /// After a conflict: save anyway, replacing theirs.
    Overwrite,
    /// A new secret: name, description, then its value in the editor.
    Create,
    /// The editor: a value from GetRandomPassword at the cursor.
    GeneratePassword,
    /// Tags, description and policy of the selected secret.
    Tags,
    AddTag,
    EditTag,
    RemoveTag,
    EditDescription,
    /// Versions: compare the highlighted version with the current one.
    Compare,
    /// Versions: mark the highlighted version to compare another with.
    Mark,
    /// Versions: move AWSCURRENT to the highlighted version.
    MakeCurrent,
    /// The fleet's rotation posture across everything listed.
    RotationOverview,
    /// RotateSecret now.
    Rotate,
    /// Set or change the rotation schedule.
    RotationSchedule,
    /// CancelRotateSecret: automatic rotation off.
    CancelRotation,
    /// Remove the AWSPENDING label a stuck rotation left behind.
    RepairRotation,
    /// The CloudTrail audit pane of the selected secret.
    Audit,
    /// Every Secrets Manager event of a region.
    AuditRegion,
    /// The audit pane: the next time window.
    AuditWindow,
    /// The audit pane: UTC or local time.
    ToggleUtc,
    /// The audit pane: count smtui's own reads or not.
    ToggleOwnReads,
    /// The audit pane: scan further after a partial result.
    ContinueScan,
    /// Assume a role: work as it from now on.
    Role,
    /// Back to the identity before the last switch.
    RoleBack,
    /// New credentials for the current identity (before they expire).
    RoleRenew,
    /// The theme picker.
    Theme,
    /// The log of this session's messages.
    Messages,
    /// Narrow screens: the next pane under the tab bar.
    NextTab,
    PreviousTab,
}

/// (command, name, description), in the order help and the palette list them.
#[rustfmt::skip]
const CATALOGUE: &[(Command, &str, &str)] = &[
    (Command::Reveal, "reveal", "reveal / mask the value (GetSecretValue)"),
    (Command::RevealAll, "reveal-all", "reveal / hide every JSON key"),
    (Command::ToggleRawJson, "raw-json", "JSON: key table / pretty raw JSON"),
    (Command::CopyValue, "copy-value", "copy the value (cleared after a timeout)"),
    (Command::CopyArn, "copy-arn", "copy the ARN"),
    (Command::CopyName, "copy-name", "copy the name"),
    (Command::PickVersion, "versions", "versions: pick one to reveal or copy, compare, make current"),
    (Command::Filter, "filter", "filter by words, each in the name, region, description or tags"),
    (Command::SortNext, "sort-next", "sort by the next column"),
    (Command::SortReverse, "sort-reverse", "reverse the sort order"),
    (Command::ToggleDeleted, "toggle-deleted", "show / hide secrets scheduled for deletion"),
    (Command::NextRegion, "next-region", "show one region's secrets, the next one each time, then all"),
    (Command::Refresh, "refresh", "refresh every region"),
    (Command::Edit, "edit", "edit the value in-app (review, then a compare-and-swap save)"),
    (Command::Create, "create", "create a secret (name, description, then its value)"),
    (Command::GeneratePassword, "generate-password", "editor: insert a generated password"),
    (Command::Tags, "tags", "tags, description and resource policy"),
    (Command::Role, "role", "assume a role and work as it (the start identity stays for role-back)"),
    (Command::RoleBack, "role-back", "back to the identity before this one; again, further back, to the start"),
    (Command::RoleRenew, "role-renew", "new credentials for the current identity (MFA: a new code)"),
    (Command::Theme, "theme", "choose the colour theme (each previewed as you move)"),
    (Command::Messages, "messages", "every message of this session, newest first, with its time"),
    (Command::Audit, "audit", "who read or changed this secret, from where, what was denied (CloudTrail)"),
    (Command::AuditRegion, "audit-region", "every Secrets Manager event of the region (CloudTrail)"),
    (Command::AuditWindow, "audit-window", "audit: the next time window"),
    (Command::ToggleUtc, "toggle-utc", "audit: times in UTC / local time"),
    (Command::ToggleOwnReads, "own-reads", "audit: count smtui's own reads or leave them out"),
    (Command::ContinueScan, "continue-scan", "audit: scan further after a partial result"),
    (Command::RotationOverview, "rotation", "rotation posture of every listed secret, riskiest first"),
    (Command::Rotate, "rotate", "rotate the secret now (RotateSecret)"),
    (Command::RotationSchedule, "rotation-schedule", "set the rotation schedule: days, rate() or cron(), window"),
    (Command::CancelRotation, "cancel-rotation", "turn automatic rotation off (CancelRotateSecret)"),
    (Command::RepairRotation, "repair-rotation", "repair a stuck rotation: remove its AWSPENDING label"),
    (Command::Delete, "delete", "delete the secret (recoverable for 7-30 days, or at once)"),
    (Command::Restore, "restore", "restore a secret scheduled for deletion"),
    (Command::FocusNext, "focus-next", "switch focus: list / value pane"),
    (Command::NextTab, "next-tab", "narrow screens: show the next pane (list, detail, value, rotation)"),
    (Command::PreviousTab, "previous-tab", "narrow screens: show the pane before"),
    (Command::Down, "down", "move down"),
    (Command::Up, "up", "move up"),
    (Command::PageDown, "page-down", "page down"),
    (Command::PageUp, "page-up", "page up"),
    (Command::Top, "top", "first row"),
    (Command::Bottom, "bottom", "last row"),
    (Command::Help, "help", "show the keys and commands"),
    (Command::Palette, "palette", "run a command by name"),
    (Command::Quit, "quit", "quit (clears a copied secret)"),
    (Command::Select, "select", "choose the highlighted entry"),
    (Command::Back, "back", "close, mask or clear"),
    (Command::Confirm, "confirm", "confirm"),
    (Command::Cancel, "cancel", "cancel"),
    (Command::Complete, "complete", "complete the highlighted name"),
    (Command::WithoutRecovery, "without-recovery", "delete at once, without recovery"),
    (Command::Save, "save", "review the changes, then save"),
    (Command::DiscardEdit, "discard-edit", "leave the editor without saving"),
    (Command::FormMode, "form", "edit a flat JSON object field by field (or the whole text)"),
    (Command::ReloadTheirs, "reload-theirs", "take their value and edit from there"),
    (Command::Overwrite, "overwrite", "save yours over theirs, deliberately"),
    (Command::AddTag, "add-tag", "add a tag"),
    (Command::EditTag, "edit-tag", "change the highlighted tag's value"),
    (Command::RemoveTag, "remove-tag", "remove the highlighted tag"),
    (Command::EditDescription, "edit-description", "change the description"),
    (Command::Compare, "compare", "compare the highlighted version with the current one"),
    (Command::Mark, "mark", "mark a version to compare another one with"),
    (Command::MakeCurrent, "make-current", "make the highlighted version current (rollback)"),
];

impl Command {
    pub fn all() -> impl Iterator<Item = Command> {
        CATALOGUE.iter().map(|(c, _, _)| *c)
    }

    fn entry(self) -> &'static (Command, &'static str, &'static str) {
        CATALOGUE
            .iter()
            .find(|(c, _, _)| *c == self)
            .unwrap_or(&CATALOGUE[0])
    }

    /// The stable name: palette, config file, docs.
    pub fn name(self) -> &'static str {
        self.entry().1
    }

    pub fn description(self) -> &'static str {
        self.entry().2
    }

    pub fn from_name(name: &str) -> Option<Command> {
        CATALOGUE
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(c, _, _)| *c)
    }

    /// Whether the command changes anything in AWS. `--read-only` refuses these before they
    /// reach a room or the confirm layer.
    pub fn mutates(self) -> bool {
        matches!(
            self,
            Command::Edit
                | Command::Create
                | Command::Delete
                | Command::Restore
                | Command::MakeCurrent
                | Command::AddTag
                | Command::EditTag
                | Command::RemoveTag
                | Command::EditDescription
                | Command::Rotate
                | Command::RotationSchedule
                | Command::CancelRotation
                | Command::RepairRotation
        )
    }

    /// Whether a secret another service manages (RDS and the like) may still be changed
    /// this way: its rotation can be run now and rescheduled in Secrets Manager.
    pub fn allowed_on_managed(self) -> bool {
        matches!(
            self,
            Command::Create | Command::Rotate | Command::RotationSchedule
        )
    }

    /// Whether the palette offers it: everything but the keys that only make sense inside a
    /// popup (choose, close, yes/no, complete) and the palette itself.
    pub fn in_palette(self) -> bool {
        !matches!(
            self,
            Command::Select
                | Command::Back
                | Command::Confirm
                | Command::Cancel
                | Command::Complete
                | Command::Palette
                | Command::WithoutRecovery
                | Command::Save
                | Command::DiscardEdit
                | Command::Compare
                | Command::Mark
                | Command::ReloadTheirs
                | Command::Overwrite
                | Command::FormMode
                | Command::GeneratePassword
                | Command::AddTag
                | Command::EditTag
                | Command::RemoveTag
                | Command::EditDescription
                | Command::AuditWindow
                | Command::ToggleUtc
                | Command::ToggleOwnReads
                | Command::ContinueScan
        )
    }

    /// Movement commands as a cursor move (a page is what the view drew).
    pub fn as_move(self) -> Option<Move> {
        Some(match self {
            Command::Up => Move::Back(1),
            Command::Down => Move::Forward(1),
            Command::PageUp => Move::PageBack,
            Command::PageDown => Move::PageForward,
            Command::Top => Move::First,
            Command::Bottom => Move::Last,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for command in Command::all() {
            let name = command.name();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name} is not kebab-case"
            );
            assert_eq!(Command::from_name(name), Some(command));
            assert!(!command.description().is_empty());
        }
    }
}
