//! How people get and keep their accounts: invitations and password resets sent by email, the
//! second step at sign-in, and organisation sign-in (OpenID Connect). Above `mail`, which sends
//! the links, and `programme`, whose name they carry; below the domain rooms.

pub mod invitations;
pub mod org_sign_in;
pub mod resets;
pub mod second_step;
pub mod users;
