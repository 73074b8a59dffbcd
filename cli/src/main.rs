//! The `mentor-match` command.
fn main() {
    println!("hello");
}
