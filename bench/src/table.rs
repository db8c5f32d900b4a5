//! A plain-text table with a target column.

/// One measured quantity for each binary, with our target.
pub struct Row {
    pub metric: String,
    pub ours: String,
    pub peer: String,
    pub target: String,
    /// None when there is no target.
    pub met: Option<bool>,
}

pub fn print(title: &str, peer_name: &str, rows: &[Row]) {
    let headers = ["metric", "privatelink", peer_name, "target", "met"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            let met = match r.met {
                Some(true) => "yes",
                Some(false) => "NO",
                None => "",
            };
            [
                r.metric.clone(),
                r.ours.clone(),
                r.peer.clone(),
                r.target.clone(),
                met.to_string(),
            ]
        })
        .collect();
    let mut widths = headers.map(str::len);
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.len());
        }
    }
    println!("\n{title}\n");
    let line = |cols: [&str; 5]| {
        let parts: Vec<String> = cols
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("| {} |", parts.join(" | "));
    };
    line(headers);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    println!("|-{}-|", rule.join("-|-"));
    for row in &cells {
        line([&row[0], &row[1], &row[2], &row[3], &row[4]]);
    }
}
