// Rebuild when a migration is added to either engine's schema, so sqlx::migrate!() embeds it.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=migrations-pg");
}
