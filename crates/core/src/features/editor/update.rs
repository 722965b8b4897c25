//! The editor room's update.

use crate::ids::SecretRef;
use crate::room::keys::Verb;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent};

use crate::features::editor::Call;
use crate::features::editor::Command as EditorCommand;
use crate::features::editor::buffer::{KeyEffect, MAX_BYTES, SecretBuffer};
use crate::features::editor::call::EditFetch;
use crate::features::editor::check::{self, Kind};
use crate::features::editor::{EditSession, Editor, Loaded, Phase, Room};
use crate::features::editor::{LabelsLeft, SaveResult};
use crate::features::editor::{form, labels};
use crate::kit::{Cursor, Scroll};
use crate::model::{AwsError, FetchedValue, VersionSel};
use crate::room::keys::Bind;
use crate::room::layers::Layer;
use crate::room::revealed::Revealed;
use crate::room::{ConfirmRequest, Ctx, Intent, OnYes, Out};
use crate::secret::{SecretValue, ValueView};

impl Editor {
    /// `e`: opens the editor on the selected secret's current value.
    pub(crate) fn open(ctx: &Ctx, out: &mut Out<Room>) {
        let Some(secret) = ctx.selected else {
            return;
        };
        if secret.deleted_date.is_some() {
            out.warn(format!(
                "{} is scheduled for deletion: restore it to edit it",
                secret.name
            ));
            return;
        }
        // Whether another service manages it is in the detail: known before editing.
        let Some(Ok(detail)) = ctx.detail else {
            out.info("Still describing the secret; try again in a moment");
            out.intent(Intent::Describe);
            return;
        };
        if let Some(service) = &detail.owning_service {
            out.warn(format!(
                "{} is managed by {service}: change it through that service",
                secret.name
            ));
            return;
        }
        let name = secret.name.clone();
        let secret = ctx.address(secret);
        let session = EditSession {
            region: secret.region.clone(),
            secret: Some(secret.clone()),
            name,
            phase: Phase::Loading,
            loaded: None,
            message: None,
            theirs: None,
            creating: None,
            revealed: Revealed::default(),
            guard_typed: false,
        };
        out.open(session);
        out.call(
            ctx,
            Call::FetchForEdit {
                secret,
                version: VersionSel::current(),
                purpose: EditFetch::Open,
            },
        );
    }
}

impl EditSession {
    /// The current value arrived.
    pub(crate) fn source_loaded(
        &mut self,
        secret: &SecretRef,
        result: Result<FetchedValue, AwsError>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        // Only the answer the open editor is waiting for: a late one from an editor opened
        // and closed before must not replace what is being typed now.
        let waiting = |s: &EditSession| {
            s.secret.as_ref() == Some(secret) && matches!(s.phase, Phase::Loading)
        };
        let session = self;
        if !waiting(session) {
            return;
        }
        let value = match result {
            Ok(value) => value,
            Err(error) => {
                out.error(format!(
                    "Cannot edit {}: {}",
                    session.name,
                    ctx.explain_as(secret.identity, &error)
                ));
                out.intent(Intent::Close(Layer::Editor));
                return;
            }
        };
        let text = match (&value.view, value.raw.expose_str()) {
            (ValueView::Binary { .. }, _) | (_, None) => {
                out.warn(format!(
                    "{} holds binary data: it is not edited as text here",
                    session.name
                ));
                out.intent(Intent::Close(Layer::Editor));
                return;
            }
            (_, Some(text)) => text,
        };
        session.loaded = Some(Loaded {
            base_version: value.version_id.clone(),
            buffer: SecretBuffer::new(text),
            kind: Kind::of(text),
            original: value.raw.clone(),
            token: None,
            leftovers: Vec::new(),
            overwrite: None,
            warnings: {
                let mut warnings = warnings(ctx, &value.version_id);
                // The editor draws text as it is: an escape, a bidi override or another
                // invisible character would pass unseen (and be kept or deleted unknowingly).
                if text
                    .split(['\n', '\t'])
                    .any(crate::sanitize::is_unsafe_text)
                {
                    warnings.push(
                        "This value holds characters the editor cannot show (controls, \
                         invisible or direction marks): the value pane shows them escaped"
                            .to_owned(),
                    );
                }
                warnings
            },
        });
        session.open_masked();
    }

    /// A key typed into the buffer (or, in form mode, moving between fields or into one).
    pub(crate) fn key(&mut self, key: KeyEvent) {
        let session = self;
        if matches!(session.phase, Phase::Form { .. }) {
            form_key(session, key);
            return;
        }
        let (Phase::Editing, Some(loaded)) = (&session.phase, session.loaded.as_mut()) else {
            return;
        };
        match loaded.buffer.key(key) {
            KeyEffect::TooLarge => {
                session.message = Some(format!(
                    "The value is at the service's limit of {MAX_BYTES} bytes: nothing more fits"
                ));
            }
            KeyEffect::Changed => session.message = None,
            KeyEffect::Moved | KeyEffect::Ignored => {}
        }
    }

    /// A paste: into the text, or the form's open field, at the cursor in one go; the whole
    /// of it or, past the service's limit, none of it.
    pub(crate) fn paste(&mut self, pasted: &SecretValue) {
        let session = self;
        let text = pasted.expose_str().unwrap_or_default();
        let buffer = match &mut session.phase {
            Phase::Form {
                field: Some(field), ..
            } => field.as_mut(),
            Phase::Editing => match session.loaded.as_mut() {
                Some(loaded) => &mut loaded.buffer,
                None => return,
            },
            Phase::Form { field: None, .. } => {
                session.message = Some("Open a field (Enter) to paste into it".to_owned());
                return;
            }
            _ => return,
        };
        let room = MAX_BYTES.saturating_sub(buffer.byte_len());
        session.message = match buffer.paste(text) {
            KeyEffect::TooLarge => Some(format!(
                "Nothing pasted: {} bytes do not fit in the {room} bytes left of the \
                 service's {MAX_BYTES}",
                text.len()
            )),
            KeyEffect::Changed => None,
            KeyEffect::Moved | KeyEffect::Ignored => session.message.take(),
        };
    }

    /// The editor layer's commands: save (review first), leave, discard.
    pub(crate) fn command(&mut self, command: Bind<EditorCommand>, ctx: &Ctx, out: &mut Out<Room>) {
        let session = self;
        match command {
            Bind::Own(EditorCommand::Save) => review(session, ctx, out),
            Bind::Own(EditorCommand::FormMode) => toggle_form(session),
            Bind::Own(EditorCommand::GeneratePassword) => session.ask_password(out),
            Bind::Verb(Verb::Reveal) => session.toggle_reveal(ctx, out),
            // In form mode, Esc leaves the field being edited first. The form is where a
            // JSON object opens, so Esc there leaves the editor as it does from the text
            // (asking first if anything changed); Ctrl-f switches between the two.
            Bind::Verb(Verb::Back)
                if matches!(session.phase, Phase::Form { field: Some(_), .. }) =>
            {
                session.phase = form_at(&session.phase);
                session.message = None;
            }
            Bind::Verb(Verb::Back) => match &session.loaded {
                Some(loaded) if loaded.changed() && !matches!(session.phase, Phase::Saving) => {
                    out.intent(Intent::Confirm(ConfirmRequest {
                        question: format!("Discard your changes to {}?", session.name),
                        on_yes: OnYes::Command(EditorCommand::Discard),
                        typed: None,
                    }));
                }
                _ if matches!(session.phase, Phase::Saving) => {
                    session.message = Some("Saving… wait for the answer".to_owned());
                }
                _ => labels::leave(session, ctx, out),
            },
            Bind::Own(EditorCommand::ReloadTheirs) => session.reload_theirs(out),
            Bind::Own(EditorCommand::Discard) => {
                out.info(format!("Changes to {} discarded", session.name));
                labels::leave(session, ctx, out);
            }
            _ => {}
        }
    }

    /// Masks the editor's, the review's or the conflict's values once their time is up; true
    /// when it did.
    pub(crate) fn mask_due(&mut self, now: Instant) -> bool {
        let session = self;
        let review = match &mut session.phase {
            Phase::Reviewing { revealed, .. } => revealed.expire(now),
            _ => false,
        };
        let theirs = session
            .theirs
            .as_mut()
            .is_some_and(|theirs| theirs.revealed.expire(now));
        let editor = session.revealed.expire(now);
        review | theirs | editor
    }

    /// The answer to a save.
    pub(crate) fn saved(
        &mut self,
        secret: &SecretRef,
        token: &str,
        (result, left): (Result<SaveResult, AwsError>, Option<LabelsLeft>),
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        // Only the answer to the save this editor is waiting for.
        let session = self;
        if session.secret.as_ref() != Some(secret) || !session.awaits(token) {
            return;
        }
        let Some(loaded) = session.loaded.as_mut() else {
            return;
        };
        session.phase = Phase::Editing;
        loaded.leftovers = left.as_ref().map(|l| l.tokens.clone()).unwrap_or_default();
        // Said last, so the footer shows it over the save's own message.
        let closing = matches!(result, Ok(SaveResult::Saved { .. }));
        let stayed = left.map(|left| labels::stayed(secret, &left, closing, ctx));
        match result {
            Ok(SaveResult::Saved { version_id }) => {
                let short: String = version_id.chars().take(8).collect();
                out.info(format!(
                    "Saved {}: version {short} is AWSCURRENT",
                    session.name
                ));
                out.intent(Intent::SecretChanged {
                    secret: secret.clone(),
                });
                out.intent(Intent::Close(Layer::Editor));
            }
            Ok(SaveResult::Conflict { current_version }) => {
                let short: String = current_version.chars().take(8).collect();
                session.message = Some(format!(
                    "Not saved: {} changed since you opened it (AWSCURRENT is now version \
                     {short}: another person or a rotation). Nothing was overwritten and your \
                     text is still here",
                    session.name
                ));
                // Their value, to show both and let the user choose.
                out.call(
                    ctx,
                    Call::FetchForEdit {
                        secret: secret.clone(),
                        version: VersionSel::Id(current_version.clone()),
                        purpose: EditFetch::Theirs,
                    },
                );
                loaded.overwrite = Some(current_version);
                // Their earlier value is no longer what the save would replace: the view
                // opens again on the new one, and the review compares with it.
                session.theirs = None;
                // It did change: the detail (versions, dates) is described again.
                out.intent(Intent::SecretChanged {
                    secret: secret.clone(),
                });
            }
            Err(error) => {
                session.message = Some(format!(
                    "Not saved: {}. Your text is still here; saving again is safe (the same \
                     request token, so no second version)",
                    ctx.explain_as(secret.identity, &error)
                ));
            }
        }
        if let Some(stayed) = stayed {
            out.warn(stayed);
        }
    }
}

/// `Ctrl-s`: refuses invalid JSON and an unchanged value; otherwise shows the changes.
pub(super) fn review(session: &mut EditSession, ctx: &Ctx, out: &mut Out<Room>) {
    let (Phase::Editing | Phase::Form { field: None, .. }, Some(loaded)) =
        (&session.phase, &session.loaded)
    else {
        return;
    };
    let text = loaded.buffer.text();
    let Some(text) = text.expose_str() else {
        return;
    };
    // A new secret has no old value to tell its kind: typed as a JSON object (it starts
    // with `{`), it is checked as one, so a broken object is not saved as text by mistake.
    let json = loaded.kind == Kind::Json
        || (session.creating.is_some() && text.trim_start().starts_with('{'));
    if json && let Some(problem) = check::json_problem(text) {
        session.message = Some(format!(
            "Not valid JSON at line {}, column {}: {}. Fix it to save",
            problem.line, problem.column, problem.message
        ));
        return;
    }
    // After a conflict the save replaces their version, not the one the editor opened:
    // the review shows what that undoes of theirs too. Until their value is here (still
    // loading, or its read failed) there is nothing true to review against, so no review:
    // an overwrite is never reviewed against a value other than the one it replaces.
    if let Some(overwrite) = &loaded.overwrite
        && let Some(secret) = &session.secret
        && session
            .theirs
            .as_ref()
            .is_none_or(|t| &t.version_id != overwrite)
    {
        session.message = Some(
            "Not yet: their value, the one this save would replace, is being read again; \
             Ctrl-s once it is shown"
                .to_owned(),
        );
        out.call(
            ctx,
            Call::FetchForEdit {
                secret: secret.clone(),
                version: VersionSel::Id(overwrite.clone()),
                purpose: EditFetch::Theirs,
            },
        );
        return;
    }
    let theirs = session
        .theirs
        .as_ref()
        .filter(|_| loaded.overwrite.is_some());
    let replaced = theirs.map_or(&loaded.original, |t| &t.value);
    let replaced = replaced.expose_str().unwrap_or_default();
    if replaced == text {
        session.message = Some(if session.creating.is_some() {
            "Type the new secret's value first".to_owned()
        } else if theirs.is_some() {
            "Your text is the same as theirs: nothing to save".to_owned()
        } else {
            "Nothing changed: nothing to save".to_owned()
        });
        return;
    }
    let rows = check::diff(replaced, text, loaded.kind);
    let from_form = match &session.phase {
        Phase::Form { selected, .. } => Some(selected.clone()),
        _ => None,
    };
    session.phase = Phase::Reviewing {
        scroll: Scroll::default(),
        rows,
        revealed: Revealed::default(),
        from_form,
    };
    out.intent(Intent::Open(Layer::Review));
}

/// `Ctrl-f`: form mode for a flat JSON object, or back to the whole text.
fn toggle_form(session: &mut EditSession) {
    match session.phase {
        Phase::Editing => {
            let Some(loaded) = &session.loaded else {
                return;
            };
            if loaded.has_fields() {
                session.phase = Phase::Form {
                    selected: Cursor::default(),
                    field: None,
                };
                session.message = None;
            } else {
                session.message = Some(
                    "Form mode is for a valid JSON object without nested values or repeated keys"
                        .to_owned(),
                );
            }
        }
        Phase::Form { field: None, .. } => session.phase = Phase::Editing,
        _ => {}
    }
}

/// The same form position, no field being edited (its buffer is dropped, zeroized).
fn form_at(phase: &Phase) -> Phase {
    let selected = match phase {
        Phase::Form { selected, .. } => selected.clone(),
        _ => Cursor::default(),
    };
    Phase::Form {
        selected,
        field: None,
    }
}

/// Keys in form mode: ↑/↓ choose a field, Enter edits it and Enter again puts it back.
fn form_key(session: &mut EditSession, key: KeyEvent) {
    let Some(loaded) = session.loaded.as_mut() else {
        return;
    };
    let text = loaded.buffer.text();
    let Some(fields) = text.expose_str().and_then(form::fields) else {
        session.phase = Phase::Editing;
        return;
    };
    let Phase::Form { selected, field } = &mut session.phase else {
        return;
    };
    match (field.as_mut(), key.code) {
        (None, code) if let Some(step) = form::field_move(code) => {
            selected.apply(step, fields.len());
        }
        (None, KeyCode::Enter) => {
            let value = fields
                .get(selected.at())
                .and_then(|f| form::field_text(text.expose_str().unwrap_or_default(), f));
            if let Some(value) = value {
                // Typing goes on after the value, as in any form field.
                let mut buffer = SecretBuffer::new(&value);
                buffer.move_to_end();
                *field = Some(Box::new(buffer));
            }
        }
        (Some(buffer), KeyCode::Enter) => {
            let new = buffer.text();
            let (Some(chosen), Some(current), Some(new)) = (
                fields.get(selected.at()),
                text.expose_str(),
                new.expose_str(),
            ) else {
                return;
            };
            match form::splice(current, chosen, new) {
                Ok(spliced) if spliced.len() > MAX_BYTES => {
                    session.message = Some(format!(
                        "That would pass the service's limit of {MAX_BYTES} bytes"
                    ));
                }
                Ok(spliced) => {
                    loaded.buffer.replace_text(&spliced);
                    *field = None;
                    session.message = None;
                }
                Err(why) => session.message = Some(why),
            }
        }
        // One line per field: the arrows do not leave it.
        (Some(buffer), code) if !matches!(code, KeyCode::Up | KeyCode::Down) => {
            buffer.key(key);
        }
        _ => {}
    }
}

/// What a manual write means for rotation, from the detail the user is looking at.
fn warnings(ctx: &Ctx, current: &str) -> Vec<String> {
    let Some(Ok(detail)) = ctx.detail else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    let pending_elsewhere = detail
        .versions
        .iter()
        .any(|v| v.id != current && v.stages.iter().any(|s| s == "AWSPENDING"));
    if pending_elsewhere {
        warnings.push(
            "A rotation is in progress (AWSPENDING is on another version): saving abandons it"
                .to_owned(),
        );
    }
    if detail.rotation.enabled {
        warnings.push(
            "Rotation is on: the service counts a manual save as a rotation for the schedule"
                .to_owned(),
        );
    }
    warnings
}
