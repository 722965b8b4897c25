//! What a prompt's text is for: each room's own prompt type, nested.

use crate::app::registry::registered;
use crate::features::session;
use crate::room::RoomPrompt as _;
use crate::room::stamp::Holds;

/// The app's prompt: the session's variant written here, every registered room's that
/// asks for text from `registered!`.
macro_rules! prompt_for {
    (
        rooms: [$($_r:tt)*]
        calls: [$($_c:tt)*]
        prompts: [$($variant:ident => $room:ident),* $(,)?]
        $($_tables:tt)*
    ) => {
        /// What a prompt's text is for: the room that asked, and its own prompt type (which
        /// knows the rest). The router hands the text back to that room.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum PromptFor {
            /// Switching identity: a role, its options, an MFA device and codes.
            Session(session::Prompt),
            $($variant(crate::features::$room::Prompt),)*
        }

        impl PromptFor {
            /// Typed text that is not shown (dots instead) and is wiped when the prompt
            /// closes.
            pub fn is_secret(&self) -> bool {
                match self {
                    PromptFor::Session(prompt) => prompt.is_secret(),
                    $(PromptFor::$variant(prompt) => prompt.is_secret(),)*
                }
            }

            /// Whose data it holds while open (its room's prompt says).
            pub fn holds(&self) -> Holds {
                match self {
                    PromptFor::Session(prompt) => prompt.holds(),
                    $(PromptFor::$variant(prompt) => prompt.holds(),)*
                }
            }
        }

        /// A room's prompt is the app's, nesting it, so the room writes `Prompt::X.into()`.
        impl From<session::Prompt> for PromptFor {
            fn from(prompt: session::Prompt) -> Self {
                PromptFor::Session(prompt)
            }
        }

        $(
            impl From<crate::features::$room::Prompt> for PromptFor {
                fn from(prompt: crate::features::$room::Prompt) -> Self {
                    PromptFor::$variant(prompt)
                }
            }
        )*
    };
}

registered!(prompt_for);
