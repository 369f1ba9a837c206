//! AdamW whose state can be saved beside a checkpoint.
//!
//! libtorch's optimizer (what `tch::nn::AdamW` builds) keeps its moment estimates where
//! tch cannot reach them, so a resumed training session used to start them from zero: the
//! first steps then move every weight by about the full learning rate, whatever the
//! curvature, and undo part of what the last session learned. This one computes the same
//! update as `torch.optim.AdamW` (decoupled weight decay, bias-corrected moments, no
//! AMSGrad) and saves its moments and step counts in a safetensors file, so `--resume`
//! continues exactly where the last session stopped.
//!
//! ```
//! use gemfill_transformer::adamw::AdamW;
//! use tch::{Device, Kind, Tensor, nn};
//!
//! let vars = nn::VarStore::new(Device::Cpu);
//! let w = vars.root().var("w", &[3], nn::Init::Const(1.0));
//! let mut optimizer = AdamW::new(&vars, 0.1, 0.0);
//! for _ in 0..50 {
//!     optimizer.zero_grad();
//!     (&w * &w).sum(Kind::Float).backward();
//!     optimizer.step();
//! }
//! assert!(w.abs().max().double_value(&[]) < 0.5);
//! ```

use std::path::{Path, PathBuf};

use tch::{Kind, TchError, Tensor, nn};

/// The file, beside a checkpoint's weights, that holds its optimizer state.
pub const STATE_FILE: &str = "optimizer.safetensors";

/// AdamW over the trainable variables of a `VarStore` (those that require gradients when
/// the optimizer is built), identified by their names.
#[derive(Debug)]
pub struct AdamW {
    /// Step size; schedules change it between steps with [`AdamW::set_lr`].
    lr: f64,
    /// Decoupled weight decay: each step multiplies a weight by `1 - lr * weight_decay`.
    weight_decay: f64,
    beta1: f64,
    beta2: f64,
    eps: f64,
    params: Vec<Param>,
}

#[derive(Debug)]
struct Param {
    name: String,
    tensor: Tensor,
    /// First moment (running mean of the gradient).
    exp_avg: Tensor,
    /// Second moment (running mean of the squared gradient).
    exp_avg_sq: Tensor,
    /// Steps this parameter took (a parameter without a gradient sits a step out).
    steps: i64,
}

/// Why optimizer state could not be saved or restored.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The file is missing, unreadable or not safetensors.
    #[error("cannot read the optimizer state {}", path.display())]
    Read {
        /// The state file.
        path: PathBuf,
        /// What libtorch reported.
        #[source]
        source: TchError,
    },
    /// The state could not be written.
    #[error("cannot write the optimizer state {}", path.display())]
    Write {
        /// The state file (or the temporary file it is written to first).
        path: PathBuf,
        /// What libtorch reported.
        #[source]
        source: TchError,
    },
    /// The written state could not be renamed into place.
    #[error("cannot move the optimizer state into place at {}", path.display())]
    Rename {
        /// The state file.
        path: PathBuf,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
    /// The file belongs to another model: a name is missing or a shape differs.
    #[error(
        "{}: optimizer state for another model ({message}); delete the file to restart the moments from zero",
        path.display()
    )]
    Mismatch {
        /// The state file.
        path: PathBuf,
        /// The first difference found.
        message: String,
    },
}

/// A resumed session whose checkpoint holds no optimizer state (saved before optimizer
/// state was): the moments start from zero. Training goes on; the user is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoSavedState {
    /// The checkpoint folder.
    pub dir: PathBuf,
}

impl std::fmt::Display for NoSavedState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} has no {STATE_FILE} (saved before optimizer state was); AdamW's moments start from zero",
            self.dir.display()
        )
    }
}

impl AdamW {
    /// AdamW with PyTorch's defaults (betas 0.9 and 0.999, eps 1e-8) over the variables
    /// of `vars` that are trainable now, all moments zero.
    pub fn new(vars: &nn::VarStore, lr: f64, weight_decay: f64) -> AdamW {
        let mut named: Vec<(String, Tensor)> = vars
            .variables()
            .into_iter()
            .filter(|(_, t)| t.requires_grad())
            .collect();
        named.sort_by(|a, b| a.0.cmp(&b.0));
        let params = named
            .into_iter()
            .map(|(name, tensor)| Param {
                exp_avg: tensor.zeros_like(),
                exp_avg_sq: tensor.zeros_like(),
                name,
                tensor,
                steps: 0,
            })
            .collect();
        AdamW {
            lr,
            weight_decay,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            params,
        }
    }

    /// The optimizer of a training session writing checkpoints to `dir`: fresh, or with
    /// `resume` the state saved there. A checkpoint saved before optimizer state was has
    /// none: then the moments start from zero, and the second value says so.
    pub fn for_session(
        vars: &nn::VarStore,
        lr: f64,
        weight_decay: f64,
        dir: &Path,
        resume: bool,
    ) -> Result<(AdamW, Option<NoSavedState>), StateError> {
        let mut optimizer = AdamW::new(vars, lr, weight_decay);
        let missing = resume && !optimizer.resume(dir)?;
        let warning = missing.then(|| NoSavedState {
            dir: dir.to_path_buf(),
        });
        Ok((optimizer, warning))
    }

    /// Sets the step size of the following steps.
    pub fn set_lr(&mut self, lr: f64) {
        self.lr = lr;
    }

    /// Clears the gradients before the next backward pass.
    pub fn zero_grad(&mut self) {
        for p in &mut self.params {
            p.tensor.zero_grad();
        }
    }

    /// Scales the gradients down so that together (as one vector) their 2-norm is at most
    /// `max`; returns the norm before scaling.
    pub fn clip_grad_norm(&mut self, max: f64) -> f64 {
        tch::no_grad(|| {
            let grads: Vec<Tensor> = self
                .params
                .iter()
                .map(|p| p.tensor.grad())
                .filter(Tensor::defined)
                .collect();
            if grads.is_empty() {
                return 0.0;
            }
            let norms: Vec<Tensor> = grads.iter().map(|g| g.norm()).collect();
            let total = Tensor::stack(&norms, 0).norm().double_value(&[]);
            let coefficient = max / (total + 1e-6);
            if coefficient < 1.0 {
                for mut g in grads {
                    let _ = g.g_mul_scalar_(coefficient);
                }
            }
            total
        })
    }

    /// One update of every parameter that has a gradient, as `torch.optim.AdamW` makes it.
    pub fn step(&mut self) {
        let (lr, wd, beta1, beta2, eps) =
            (self.lr, self.weight_decay, self.beta1, self.beta2, self.eps);
        tch::no_grad(|| {
            for p in &mut self.params {
                let grad = p.tensor.grad();
                if !grad.defined() {
                    continue;
                }
                p.steps += 1;
                if wd != 0.0 {
                    let _ = p.tensor.g_mul_scalar_(1.0 - lr * wd);
                }
                let _ = p.exp_avg.g_mul_scalar_(beta1);
                let _ = p.exp_avg.g_add_(&(&grad * (1.0 - beta1)));
                let _ = p.exp_avg_sq.g_mul_scalar_(beta2);
                let _ = p.exp_avg_sq.g_add_(&(&grad * &grad * (1.0 - beta2)));
                let bias_correction1 = 1.0 - beta1.powi(p.steps as i32);
                let bias_correction2 = 1.0 - beta2.powi(p.steps as i32);
                let denom = p.exp_avg_sq.sqrt() / bias_correction2.sqrt() + eps;
                let update = &p.exp_avg / denom * (lr / bias_correction1);
                let _ = p.tensor.g_sub_(&update);
            }
        });
    }

    /// One training step on `loss` (a scalar whose graph reaches the parameters): clears
    /// the gradients, back-propagates, clips them to a total 2-norm of `max_grad_norm`
    /// and updates. Returns the loss.
    pub fn minimize(&mut self, loss: &Tensor, max_grad_norm: f64) -> f64 {
        self.zero_grad();
        loss.backward();
        self.clip_grad_norm(max_grad_norm);
        self.step();
        loss.to_kind(Kind::Double).double_value(&[])
    }

    /// Steps taken so far (by the parameter that took the most).
    pub fn steps(&self) -> i64 {
        self.params.iter().map(|p| p.steps).max().unwrap_or(0)
    }

    /// Writes the moments and step counts to `path` (safetensors: `<name>.exp_avg`,
    /// `<name>.exp_avg_sq` and `<name>.steps` for every parameter), through a temporary
    /// file renamed into place, so an interrupted save leaves the previous state whole.
    pub fn save(&self, path: &Path) -> Result<(), StateError> {
        let mut tensors: Vec<(String, Tensor)> = Vec::with_capacity(3 * self.params.len());
        for p in &self.params {
            tensors.push((format!("{}.exp_avg", p.name), p.exp_avg.shallow_clone()));
            tensors.push((
                format!("{}.exp_avg_sq", p.name),
                p.exp_avg_sq.shallow_clone(),
            ));
            tensors.push((format!("{}.steps", p.name), Tensor::from_slice(&[p.steps])));
        }
        let partial = path.with_extension("partial.safetensors");
        Tensor::write_safetensors(&tensors, &partial).map_err(|source| StateError::Write {
            path: partial.clone(),
            source,
        })?;
        std::fs::rename(&partial, path).map_err(|source| StateError::Rename {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Restores the state a checkpoint folder holds ([`STATE_FILE`]) when it holds one;
    /// returns whether it did (checkpoints saved before optimizer state was have none: their
    /// moments start from zero).
    pub fn resume(&mut self, dir: &Path) -> Result<bool, StateError> {
        let saved = dir.join(STATE_FILE);
        if !saved.exists() {
            return Ok(false);
        }
        self.load(&saved)?;
        Ok(true)
    }

    /// Restores what [`AdamW::save`] wrote for the same parameters (names and shapes).
    pub fn load(&mut self, path: &Path) -> Result<(), StateError> {
        let saved: std::collections::HashMap<String, Tensor> = Tensor::read_safetensors(path)
            .map_err(|source| StateError::Read {
                path: path.to_path_buf(),
                source,
            })?
            .into_iter()
            .collect();
        let mismatch = |message: String| StateError::Mismatch {
            path: path.to_path_buf(),
            message,
        };
        if saved.len() != 3 * self.params.len() {
            return Err(mismatch(format!(
                "{} tensors where this model needs {}",
                saved.len(),
                3 * self.params.len()
            )));
        }
        let mut restored = Vec::with_capacity(self.params.len());
        for p in &self.params {
            let get = |suffix: &str| {
                let key = format!("{}.{suffix}", p.name);
                saved.get(&key).ok_or_else(|| mismatch(format!("no {key}")))
            };
            let (m, v, steps) = (get("exp_avg")?, get("exp_avg_sq")?, get("steps")?);
            for moment in [m, v] {
                if moment.size() != p.tensor.size() {
                    return Err(mismatch(format!(
                        "{} has shape {:?}, the model's {:?}",
                        p.name,
                        moment.size(),
                        p.tensor.size()
                    )));
                }
            }
            let kind = p.tensor.kind();
            restored.push((
                m.to_kind(kind),
                v.to_kind(kind),
                steps.to_kind(Kind::Int64).int64_value(&[0]),
            ));
        }
        for (p, (m, v, steps)) in self.params.iter_mut().zip(restored) {
            let device = p.tensor.device();
            (p.exp_avg, p.exp_avg_sq, p.steps) = (m.to_device(device), v.to_device(device), steps);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::Device;
    use tch::nn::OptimizerConfig;

    /// A small regression problem; returns the store and the loss. Nothing is random:
    /// the tests of this crate run in parallel and share libtorch's one generator.
    fn problem() -> (nn::VarStore, impl Fn() -> Tensor) {
        let vars = nn::VarStore::new(Device::Cpu);
        let linear = nn::linear(vars.root() / "layer", 4, 3, Default::default());
        let mut variables: Vec<_> = vars.variables().into_iter().collect();
        variables.sort_by(|a, b| a.0.cmp(&b.0));
        for (i, (_, mut v)) in variables.into_iter().enumerate() {
            let n = v.numel() as i64;
            let fill = (Tensor::arange(n, (Kind::Float, Device::Cpu)) * 0.9 + i as f64).sin() * 0.5;
            tch::no_grad(|| v.copy_(&fill.view_as(&v)));
        }
        let wave = |n: i64, rate: f64| (Tensor::arange(n, (Kind::Float, Device::Cpu)) * rate).sin();
        let x = wave(32, 0.7).view([8, 4]);
        let y = wave(24, 1.3).view([8, 3]);
        let loss = move || (x.apply(&linear) - &y).square().mean(Kind::Float);
        (vars, loss)
    }

    fn values(vars: &nn::VarStore) -> Vec<(String, Vec<f64>)> {
        let mut all: Vec<(String, Vec<f64>)> = vars
            .variables()
            .into_iter()
            .map(|(n, t)| {
                let flat = t.flatten(0, -1).to_kind(Kind::Double);
                (n, Vec::<f64>::try_from(&flat).unwrap())
            })
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }

    fn assert_close(a: &[(String, Vec<f64>)], b: &[(String, Vec<f64>)], tolerance: f64) {
        assert_eq!(a.len(), b.len());
        for ((name, x), (_, y)) in a.iter().zip(b) {
            for (u, w) in x.iter().zip(y) {
                assert!((u - w).abs() < tolerance, "{name}: {u} against {w}");
            }
        }
    }

    #[test]
    fn updates_as_libtorchs_adamw_does_with_clipping_and_a_schedule() {
        // libtorch's own AdamW is the reference; both start from the same weights.
        let (theirs, their_loss) = problem();
        let (ours, our_loss) = problem();
        let start = values(&ours);
        let mut reference = nn::AdamW {
            wd: 0.1,
            ..Default::default()
        }
        .build(&theirs, 0.05)
        .unwrap();
        let mut optimizer = AdamW::new(&ours, 0.05, 0.1);
        for step in 0..12 {
            let lr = 0.05 / (1.0 + step as f64);
            reference.set_lr(lr);
            optimizer.set_lr(lr);
            reference.zero_grad();
            their_loss().backward();
            reference.clip_grad_norm(0.5);
            reference.step();
            optimizer.zero_grad();
            our_loss().backward();
            optimizer.clip_grad_norm(0.5);
            optimizer.step();
        }
        assert_eq!(optimizer.steps(), 12);
        assert_close(&values(&ours), &values(&theirs), 1e-6);
        let moved = values(&ours)[0].1[0] - start[0].1[0];
        assert!(moved.abs() > 1e-3, "the weights did not move");
    }

    #[test]
    fn saved_state_resumes_the_same_trajectory_and_refuses_another_model() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("optimizer.safetensors");
        // Eight steps in one go...
        let (straight, straight_loss) = problem();
        let mut optimizer = AdamW::new(&straight, 0.02, 0.01);
        let run = |optimizer: &mut AdamW, loss: &dyn Fn() -> Tensor, steps: usize| {
            for _ in 0..steps {
                optimizer.zero_grad();
                loss().backward();
                optimizer.step();
            }
        };
        run(&mut optimizer, &straight_loss, 8);
        // ...against four, a save, a fresh optimizer that loads, and four more.
        let (split, split_loss) = problem();
        let mut first = AdamW::new(&split, 0.02, 0.01);
        run(&mut first, &split_loss, 4);
        first.save(&state).unwrap();
        let mut second = AdamW::new(&split, 0.02, 0.01);
        second.load(&state).unwrap();
        assert_eq!(second.steps(), 4);
        run(&mut second, &split_loss, 4);
        assert_close(&values(&split), &values(&straight), 1e-7);
        // Without the state, the resumed run goes elsewhere.
        let (fresh, fresh_loss) = problem();
        let mut a = AdamW::new(&fresh, 0.02, 0.01);
        run(&mut a, &fresh_loss, 4);
        run(&mut AdamW::new(&fresh, 0.02, 0.01), &fresh_loss, 4);
        let gap = values(&fresh)[0].1[0] - values(&straight)[0].1[0];
        assert!(
            gap.abs() > 1e-5,
            "restarting the moments made no difference"
        );

        let other = nn::VarStore::new(Device::Cpu);
        let _ = nn::linear(other.root() / "layer", 5, 3, Default::default());
        let err = AdamW::new(&other, 0.02, 0.0).load(&state).unwrap_err();
        assert!(matches!(err, StateError::Mismatch { .. }), "{err}");
        assert!(err.to_string().contains("delete the file"), "{err}");
        let err = AdamW::new(&other, 0.02, 0.0)
            .load(&dir.path().join("missing.safetensors"))
            .unwrap_err();
        assert!(matches!(err, StateError::Read { .. }), "{err}");
    }
}
