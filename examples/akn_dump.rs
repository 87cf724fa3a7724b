fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let c = rapporteur::build::compile(std::path::Path::new(&dir)).unwrap();
    let x = rapporteur::writers::Format::Akn.write(&c.document, &Default::default()).unwrap();
    std::fs::write("/tmp/akn-h/ref.xml", &x).unwrap();
    let t = rapporteur::writers::Format::Text.write(&c.document, &Default::default()).unwrap();
    std::fs::write("/tmp/akn-h/ref.txt", &t).unwrap();
}
