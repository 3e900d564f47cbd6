//! One window, one static page: the baseline Fellowship's start-up and memory are measured against.
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the empty app could not start");
}
