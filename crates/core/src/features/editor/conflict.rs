//! After a save found that someone else had saved first: their value beside yours (which
//! keys or lines differ, values masked until revealed), and the choice: keep editing,
//! reload theirs (asks first: your text goes), or overwrite theirs deliberately.

use crate::diff::{self, Kind};
use crate::features::editor::Command as EditorCommand;
use crate::features::editor::buffer::SecretBuffer;
use crate::features::editor::update::review;
use crate::features::editor::{EditSession, Room, Theirs};
use crate::ids::SecretRef;
use crate::model::{AwsError, FetchedValue};
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::revealed::Revealed;
use crate::room::{ConfirmRequest, Ctx, Intent, OnYes, Out};

impl EditSession {
    /// Their value arrived: the conflict view opens.
    pub(crate) fn theirs_loaded(
        &mut self,
        secret: &SecretRef,
        result: Result<FetchedValue, AwsError>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let session = self;
        if session.secret.as_ref() != Some(secret) {
            return;
        }
        let Some(loaded) = &session.loaded else {
            return;
        };
        // Only for the conflict this editor has now, once.
        let awaited = result.as_ref().map_or(true, |v| {
            loaded.overwrite.as_deref() == Some(v.version_id.as_str())
        });
        if !awaited || session.theirs.is_some() || loaded.overwrite.is_none() {
            return;
        }
        let theirs = match result {
            Ok(theirs) => theirs,
            Err(error) => {
                // The message about the conflict stays; the comparison is what is missing.
                session.message = Some(format!(
                    "Not saved: someone else saved first, and their value could not be read \
                     ({}). Ctrl-s reads it again, to review what the save would replace; your \
                     text is still here",
                    ctx.explain_as(secret.identity, &error)
                ));
                return;
            }
        };
        let mine = loaded.buffer.text();
        let rows = match (theirs.raw.expose_str(), mine.expose_str()) {
            (Some(old), Some(new)) => {
                let kind = if Kind::of(old) == Kind::Json && loaded.kind == Kind::Json {
                    Kind::Json
                } else {
                    Kind::Text
                };
                diff::diff(old, new, kind)
            }
            _ => Vec::new(),
        };
        session.theirs = Some(Theirs {
            version_id: theirs.version_id.clone(),
            value: theirs.raw.clone(),
            rows,
            revealed: Revealed::default(),
        });
        out.intent(Intent::Open(Layer::Conflict));
    }

    pub(crate) fn conflict_command(
        &mut self,
        command: Bind<EditorCommand>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let session = self;
        match command {
            Bind::Verb(Verb::Reveal) => {
                if let Some(theirs) = session.theirs.as_mut() {
                    theirs.revealed.toggle(ctx, out);
                }
            }
            Bind::Own(EditorCommand::Overwrite) => {
                out.intent(Intent::Close(Layer::Conflict));
                review(session, ctx, out);
            }
            Bind::Own(EditorCommand::ReloadTheirs) => {
                // Asked over the editor: the yes runs `reload-theirs` there.
                out.intent(Intent::Close(Layer::Conflict));
                out.intent(Intent::Confirm(ConfirmRequest {
                    question: format!(
                        "Replace your text with the value now current in {}? Your changes \
                         are discarded.",
                        session.name
                    ),
                    on_yes: OnYes::Command(EditorCommand::ReloadTheirs),
                    typed: None,
                }));
            }
            // Back to the editor as it opens: masked, whatever was revealed before the save.
            Bind::Verb(Verb::Back) => {
                session.open_masked();
                out.intent(Intent::Close(Layer::Conflict));
            }
            _ => {}
        }
    }

    /// After the yes: their value becomes the text being edited, and the base of the next
    /// save.
    pub(crate) fn reload_theirs(&mut self, out: &mut Out<Room>) {
        let session = self;
        let (Some(theirs), Some(loaded)) = (session.theirs.take(), session.loaded.as_mut()) else {
            return;
        };
        let Some(text) = theirs.value.expose_str() else {
            return;
        };
        loaded.buffer = SecretBuffer::new(text);
        loaded.kind = Kind::of(text);
        loaded.original = theirs.value.clone();
        loaded.base_version = theirs.version_id;
        loaded.overwrite = None;
        loaded.token = None;
        session.open_masked();
        session.message = Some("Their value is loaded; edit from here".to_owned());
        out.intent(Intent::Close(Layer::Conflict));
    }
}
