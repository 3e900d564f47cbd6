//! Every integration test of the core, as one test binary: one link of the library and its
//! dependencies instead of one per file, which keeps a fresh machine's build within its disk and
//! time. Each file beside this one is a module; nextest still runs every test in its own process.

mod common;

mod access_matrix;
mod architecture;
mod audit;
mod backups;
mod calendar;
mod challenges;
mod code_sheets;
mod cohort_overview;
mod confidentiality;
mod crash;
mod csv_injection;
mod desktop;
mod disclosure;
mod encryption;
mod feedback360;
mod fellow_search;
mod foundation;
mod front_door;
mod fuzz_corpus;
mod http;
mod import_lines;
mod invitations;
mod kept_figures;
mod learning_sets;
mod log_file;
mod mail;
mod mentoring;
mod org_sign_in;
mod outcomes;
mod pg_backup;
mod pickers;
mod portfolio;
mod privacy;
mod proxy;
mod questionnaire_seal;
mod reflections;
mod roles_matrix;
mod round_progress;
mod schema_agree;
mod schema_drift;
mod second_step;
mod server_limits;
mod server_ops;
mod server_sessions;
mod spc_reference;
mod tls;
mod today;
