//! Bringing a directory in line with the generated files, or showing how
//! far it is from them. Only files that start with the generated-file
//! marker are ever overwritten or deleted; anything else (hand-written
//! `*_override.tf`, notes, `.terraform/`) is left alone.

use crate::generate::MARKER;
use similar::TextDiff;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What it takes to bring one file up to date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The file is missing.
    Create { path: PathBuf, new: String },
    /// The file differs (stale or hand-edited).
    Update {
        path: PathBuf,
        old: String,
        new: String,
    },
    /// A generated file the catalog no longer produces.
    Remove { path: PathBuf, old: String },
}

/// The changes for one directory, and the files in the way.
#[derive(Debug, Default)]
pub struct Plan {
    /// Changes, by path.
    pub changes: Vec<Change>,
    /// Files the generator would write but did not generate (no marker).
    pub conflicts: Vec<PathBuf>,
}

/// How the generator recognises its files under a root directory.
#[derive(Debug, Clone, Copy)]
pub enum Ownership {
    /// Every file that starts with the marker, in the root's
    /// sub-directories (the account directories).
    Marked,
    /// Every file that starts with the marker, directly in the root.
    MarkedFlat,
    /// Exactly the files it writes (formats without comments).
    Exact,
}

fn is_generated(text: &str) -> bool {
    text.starts_with(MARKER)
}

fn read_if_exists(path: &Path) -> io::Result<Option<String>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Generated files directly in `dir`, as `prefix/<file name>`.
fn generated_in(dir: &Path, prefix: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for file in entries {
        let file = file?;
        if !file.file_type()?.is_file() {
            continue;
        }
        if let Some(text) = read_if_exists(&file.path())?
            && is_generated(&text)
        {
            found.push(prefix.join(file.file_name()));
        }
    }
    Ok(())
}

/// Generated files now under `root` (sub-directories, not hidden ones).
fn existing_generated(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries = match fs::read_dir(root) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e),
    };
    for dir in entries {
        let dir = dir?;
        let name = dir.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !dir.file_type()?.is_dir() {
            continue;
        }
        generated_in(&dir.path(), Path::new(&name), &mut found)?;
    }
    Ok(found)
}

/// The changes that bring `root` to `files` (paths relative to `root`).
pub fn plan(
    root: &Path,
    files: &BTreeMap<PathBuf, String>,
    ownership: Ownership,
) -> io::Result<Plan> {
    let mut plan = Plan::default();
    for (path, new) in files {
        match read_if_exists(&root.join(path))? {
            None => plan.changes.push(Change::Create {
                path: path.clone(),
                new: new.clone(),
            }),
            Some(old) if !matches!(ownership, Ownership::Exact) && !is_generated(&old) => {
                plan.conflicts.push(path.clone())
            }
            Some(old) if old != *new => plan.changes.push(Change::Update {
                path: path.clone(),
                old,
                new: new.clone(),
            }),
            Some(_) => {}
        }
    }
    let existing = match ownership {
        Ownership::Marked => existing_generated(root)?,
        Ownership::MarkedFlat => {
            let mut found = Vec::new();
            generated_in(root, Path::new(""), &mut found)?;
            found
        }
        Ownership::Exact => Vec::new(),
    };
    {
        for path in existing {
            if !files.contains_key(&path) {
                let old = fs::read_to_string(root.join(&path))?;
                plan.changes.push(Change::Remove { path, old });
            }
        }
    }
    plan.changes.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(plan)
}

impl Change {
    /// The file's path, relative to its root.
    pub fn path(&self) -> &Path {
        match self {
            Change::Create { path, .. }
            | Change::Update { path, .. }
            | Change::Remove { path, .. } => path,
        }
    }

    /// A unified diff from what is on disk to what should be, with paths
    /// shown under `root`.
    pub fn diff(&self, root: &Path) -> String {
        let shown = root.join(self.path()).display().to_string();
        let (old, new, old_name, new_name) = match self {
            Change::Create { new, .. } => ("", new.as_str(), "/dev/null".to_string(), shown),
            Change::Update { old, new, .. } => (old.as_str(), new.as_str(), shown.clone(), shown),
            Change::Remove { old, .. } => (old.as_str(), "", shown, "/dev/null".to_string()),
        };
        TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(3)
            .header(&old_name, &new_name)
            .to_string()
    }
}

/// Carries out `plan` under `root`; directories emptied by removals go too.
pub fn apply(root: &Path, plan: &Plan) -> io::Result<()> {
    for change in &plan.changes {
        let path = root.join(change.path());
        match change {
            Change::Create { new, .. } | Change::Update { new, .. } => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(&path, new)?;
            }
            Change::Remove { .. } => {
                fs::remove_file(&path)?;
                if let Some(parent) = path.parent()
                    && fs::read_dir(parent)?.next().is_none()
                {
                    fs::remove_dir(parent)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(body: &str) -> String {
        format!("{MARKER}\n{body}")
    }

    #[test]
    fn creates_updates_removes_and_spares_hand_written_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a")).unwrap();
        fs::create_dir_all(root.join("gone")).unwrap();
        fs::write(root.join("a/main.tf"), generated("old\n")).unwrap();
        fs::write(root.join("a/extra_override.tf"), "# mine\n").unwrap();
        fs::write(root.join("gone/main.tf"), generated("x\n")).unwrap();
        fs::write(root.join("README.md"), "notes\n").unwrap();
        let files: BTreeMap<PathBuf, String> = [
            (PathBuf::from("a/main.tf"), generated("new\n")),
            (PathBuf::from("b/main.tf"), generated("b\n")),
        ]
        .into();
        let plan = plan(root, &files, Ownership::Marked).unwrap();
        let paths: Vec<_> = plan
            .changes
            .iter()
            .map(|c| c.path().to_path_buf())
            .collect();
        assert_eq!(
            paths,
            vec![
                PathBuf::from("a/main.tf"),
                PathBuf::from("b/main.tf"),
                PathBuf::from("gone/main.tf")
            ]
        );
        assert!(plan.changes[0].diff(root).contains("-old\n+new\n"));
        apply(root, &plan).unwrap();
        assert_eq!(
            fs::read_to_string(root.join("a/extra_override.tf")).unwrap(),
            "# mine\n"
        );
        assert_eq!(
            fs::read_to_string(root.join("README.md")).unwrap(),
            "notes\n"
        );
        assert!(!root.join("gone").exists());
        assert!(
            super::plan(root, &files, Ownership::Marked)
                .unwrap()
                .changes
                .is_empty()
        );
    }

    #[test]
    fn a_hand_written_file_in_the_way_is_a_conflict() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a")).unwrap();
        fs::write(dir.path().join("a/main.tf"), "# mine\n").unwrap();
        let files: BTreeMap<PathBuf, String> =
            [(PathBuf::from("a/main.tf"), generated("new\n"))].into();
        let plan = plan(dir.path(), &files, Ownership::Marked).unwrap();
        assert_eq!(plan.conflicts, vec![PathBuf::from("a/main.tf")]);
        assert!(plan.changes.is_empty());
    }
}
