//! WebKit set for what the window shows: forms and tables, no video, 3D or animation. WebKit's
//! accelerated compositing keeps a GL context and layer buffers in its web process; on machines
//! without a GPU (virtual desktops, Xvfb) that is Mesa's software renderer, about 80 MB of the
//! window's memory (`make bench-desktop`: 333 to 255 MB with Today open on the large demo). Pages
//! are drawn on the CPU instead, as they are anyway where the GPU path is unavailable.

use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};

pub fn lean(webview: tauri::webview::PlatformWebview) {
    if let Some(settings) = WebViewExt::settings(&webview.inner()) {
        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
    }
}
