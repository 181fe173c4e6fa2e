//! The join address as a QR code, drawn as inline SVG for the projector page.

use qrcode::QrCode;
use qrcode::render::svg;

/// `text` as an SVG QR code `size` pixels across at least, ready to put into a page (`None`
/// if it is too long for a QR code, which no address is).
pub fn svg(text: &str, size: u32) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(size, size)
        .quiet_zone(true)
        .build();
    // The XML declaration belongs to a file, not to an element inside a page.
    let start = image.find("<svg")?;
    Some(image[start..].to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_address_becomes_an_svg_element() {
        let svg = super::svg("http://192.168.1.20:8470/", 200).expect("fits");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert!(svg.contains("<path"));
    }
}
