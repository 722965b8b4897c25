//! The editor room's commands: their names and descriptions, the default keys of the
//! editor, its review and a save's conflict, the global keys that edit and create, and
//! when they can act.

use crate::features::editor::{EditSession, Editor, Loaded, Room};
use crate::room::keys::rows::{ENTER, ESC, GLOBAL, Item, Keyset, OWN, ctrl, k};
use crate::room::keys::{Acts, Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;
use crate::room::{Ctx, Out};
use Acts::{Creates, Discards, Writes};

/// What a key or the palette can ask of the editor room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Edit,
    /// A new secret: name, description, then its value in the editor.
    Create,
    /// A value from GetRandomPassword at the cursor.
    GeneratePassword,
    /// Review the changes, then save.
    Save,
    /// Leave without saving (after the question).
    Discard,
    /// A flat JSON object one field at a time, or the whole text.
    FormMode,
    /// After a conflict: replace the text with the value someone else saved.
    ReloadTheirs,
    /// After a conflict: save anyway, replacing theirs.
    Overwrite,
}

use Command::{Create, Discard, Edit, FormMode, GeneratePassword, Overwrite, ReloadTheirs, Save};
use Item::{Keys, Moves};

const fn editor(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

/// The key that saves, named where quitting is refused over unsaved text.
pub(crate) const SAVE: Bind<Command> = editor(Save);

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(editor(Edit), "edit", "edit the value in-app (review, then a compare-and-swap save)").acts(Writes),
    Spec::new(editor(Create), "create", "create a secret (name, description, then its value)").acts(Creates),
    Spec::new(editor(GeneratePassword), "generate-password", "editor: insert a generated password").popup_only(),
    Spec::new(editor(Save), "save", "review the changes, then save").popup_only(),
    Spec::new(editor(Discard), "discard-edit", "leave the editor without saving").popup_only().acts(Discards),
    Spec::new(editor(FormMode), "form", "edit a flat JSON object field by field (or the whole text)").popup_only(),
    Spec::new(editor(ReloadTheirs), "reload-theirs", "take their value and edit from there").popup_only().acts(Discards),
    Spec::new(editor(Overwrite), "overwrite", "save yours over theirs, deliberately").popup_only(),
];

const EDITOR: Scope = Scope::In(Layer::Editor);
const REVIEW: Scope = Scope::In(Layer::Review);
const CONFLICT: Scope = Scope::In(Layer::Conflict);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('e')], editor(Edit), "edit the value (review, then save)", Some("edit")),
    Keys(GLOBAL, &[k('N')], editor(Create), "create a secret (name, description, then the value)", None),
    Keys(EDITOR, &[ctrl('s')], editor(Save), OWN, Some("save")),
    Keys(EDITOR, &[ctrl('f')], editor(FormMode), "JSON object: field by field / the whole text", Some("form")),
    Keys(EDITOR, &[ctrl('v')], Bind::Verb(Verb::Reveal), "reveal / mask the value (masked again after the timeout)", Some("reveal")),
    Keys(EDITOR, &[ctrl('g')], editor(GeneratePassword), "insert a generated password (GetRandomPassword)", Some("password")),
    Keys(EDITOR, &[ctrl('p')], Bind::Verb(Verb::Palette), "command palette over the editor", None),
    Keys(EDITOR, &[ESC, ctrl('c')], Bind::Verb(Verb::Back), "leave (asks first if anything changed)", Some("leave")),
    Keys(REVIEW, &[k('y'), ENTER], Bind::Verb(Verb::Confirm), "save: a new version becomes AWSCURRENT", Some("save")),
    Keys(REVIEW, &[k('n'), ESC, ctrl('c')], Bind::Verb(Verb::Cancel), "back to editing", Some("edit")),
    Keys(REVIEW, &[k('v')], Bind::Verb(Verb::Reveal), "reveal / mask the changed values", Some("reveal")),
    Moves(REVIEW, Keyset::Vi, &["scroll down, where the changes do not fit", "scroll up", "page down", "page up", "top", "bottom"], None),
    Keys(CONFLICT, &[k('o')], editor(Overwrite), "save yours over theirs (review first)", Some("overwrite")),
    Keys(CONFLICT, &[k('r')], editor(ReloadTheirs), "take their value and edit from there (asks first)", Some("reload")),
    Keys(CONFLICT, &[k('e'), ESC, ctrl('c')], Bind::Verb(Verb::Back), "keep editing yours", Some("keep editing")),
    Keys(CONFLICT, &[k('v')], Bind::Verb(Verb::Reveal), "reveal / mask the values", Some("reveal")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

impl Editor {
    /// Whether `command` can act now: a secret scheduled for deletion is not edited, and
    /// field by field opens only what form mode can: a flat JSON object.
    pub(crate) fn available(session: Option<&EditSession>, command: Command, ctx: &Ctx) -> bool {
        match command {
            Edit => ctx.selected.is_some_and(|s| s.deleted_date.is_none()),
            FormMode => session
                .and_then(|s| s.loaded.as_ref())
                .is_some_and(Loaded::has_fields),
            Create | GeneratePassword | Save | Discard | ReloadTheirs | Overwrite => true,
        }
    }

    /// A command over the panes; `region`: where a new secret is created (the selected
    /// secret's, else the first listed). The editor's own keys arrive in its layers.
    pub(crate) fn run(command: Command, region: Option<String>, ctx: &Ctx, out: &mut Out<Room>) {
        match command {
            Edit => Self::open(ctx, out),
            Create => {
                if let Some(region) = region {
                    Self::create(region, out);
                }
            }
            GeneratePassword | Save | Discard | FormMode | ReloadTheirs | Overwrite => {}
        }
    }
}
