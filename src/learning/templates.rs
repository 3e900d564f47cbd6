//! The reflective templates of shared/domain.md, with their sections and prompts, and the notice
//! the medical royal colleges ask for on anonymising and on legal disclosure.

use serde::Serialize;
use ts_rs::TS;

use crate::codes::code_enum;

code_enum! {
    Template {
        Gibbs = "gibbs": "Gibbs' reflective cycle",
        Kolb = "kolb": "Kolb's experiential learning cycle",
        WhatSoWhat = "what_so_what": "What? So what? Now what?",
        Free = "free": "Free text",
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TemplateSection {
    pub key: String,
    pub label: String,
    pub prompt: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TemplateInfo {
    pub code: Template,
    pub label: String,
    pub sections: Vec<TemplateSection>,
}

pub const NOTICE: &str = "Keep patients and colleagues unidentifiable: no names, dates of birth, \
hospital numbers or details that could identify someone. Write about your own learning. \
Reflective notes are not legally privileged: a court or regulator can require them to be \
disclosed.";

fn s(key: &str, label: &str, prompt: &str) -> TemplateSection {
    TemplateSection {
        key: key.into(),
        label: label.into(),
        prompt: prompt.into(),
    }
}

impl Template {
    pub fn sections(self) -> Vec<TemplateSection> {
        match self {
            Template::Gibbs => vec![
                s("description", "Description", "What happened?"),
                s(
                    "feelings",
                    "Feelings",
                    "What were you thinking and feeling?",
                ),
                s(
                    "evaluation",
                    "Evaluation",
                    "What was good and bad about the experience?",
                ),
                s(
                    "analysis",
                    "Analysis",
                    "What sense can you make of the situation?",
                ),
                s("conclusion", "Conclusion", "What else could you have done?"),
                s(
                    "action_plan",
                    "Action plan",
                    "If it arose again, what would you do?",
                ),
            ],
            Template::Kolb => vec![
                s(
                    "concrete_experience",
                    "Concrete experience",
                    "What did you do or see?",
                ),
                s(
                    "reflective_observation",
                    "Reflective observation",
                    "What did you notice, looking back?",
                ),
                s(
                    "abstract_conceptualisation",
                    "Abstract conceptualisation",
                    "What does it mean? What ideas or theory explain it?",
                ),
                s(
                    "active_experimentation",
                    "Active experimentation",
                    "What will you try next?",
                ),
            ],
            Template::WhatSoWhat => vec![
                s("what", "What?", "Describe the experience or event."),
                s(
                    "so_what",
                    "So what?",
                    "Why does it matter? What did you learn?",
                ),
                s(
                    "now_what",
                    "Now what?",
                    "What will you do differently as a result?",
                ),
            ],
            Template::Free => vec![s("text", "Reflection", "Write freely.")],
        }
    }

    pub fn info(self) -> TemplateInfo {
        TemplateInfo {
            code: self,
            label: self.label().into(),
            sections: self.sections(),
        }
    }
}
