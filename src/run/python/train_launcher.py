"""smpipe run's stand-in for the SageMaker training toolkit inside a script-mode training job.

SageMaker's framework containers start a training job with the training toolkit
(aws/sagemaker-training-toolkit, with aws/sagemaker-pytorch-training-toolkit for PyTorch): it reads
/opt/ml/input/config/*.json, decodes the hyperparameters, turns them into SM_* environment
variables and `--key value` arguments, and runs the entry point (torchrun when
sagemaker_torch_distributed_enabled). This file does the same, with the same rules, quoted from
the toolkit's source (paths below are in that repository). It runs inside the job's own Python
interpreter on purpose: json.loads, str() and json.dumps are then the very functions the toolkit
calls, so True/None/floats/dicts turn into text exactly as on SageMaker, which a re-implementation
of Python's str() in TypeScript could only approximate.

smpipe has already placed the files a SageMaker host would: the config files, the channels under
input/data/<channel>, the code (sagemaker_submit_directory) under code/, and an interpreter with
requirements.txt installed. Standard library only; Python 3.8+.
"""
import json
import multiprocessing
import os
import shlex
import signal
import subprocess
import sys

# src/sagemaker_training/params.py
SAGEMAKER_PREFIX = "sagemaker_"
USER_PROGRAM_PARAM = "sagemaker_program"
SUBMIT_DIR_PARAM = "sagemaker_submit_directory"
LOG_LEVEL_PARAM = "sagemaker_container_log_level"
REGION_NAME_PARAM = "sagemaker_region"
JOB_NAME_PARAM = "sagemaker_job_name"
TORCH_DISTRIBUTED_PARAM = "sagemaker_torch_distributed_enabled"
SAGEMAKER_HYPERPARAMETERS = (
    USER_PROGRAM_PARAM, SUBMIT_DIR_PARAM, "sagemaker_enable_cloudwatch_metrics", REGION_NAME_PARAM,
    LOG_LEVEL_PARAM, JOB_NAME_PARAM, "default_user_module_name", "_tuning_objective_metric", "sagemaker_s3_output",
)
# src/sagemaker_training/environment.py: BASE_PATH_ENV lets the toolkit run outside /opt/ml.
BASE_PATH_ENV = "SAGEMAKER_BASE_DIR"
OPT_ML = "/opt/ml"


def read_json(path):
    with open(path, "r") as f:
        return json.load(f)


def read_hyperparameters(path):
    """environment.read_hyperparameters: each value through json.loads; what is not JSON stays as given."""
    decoded = {}
    for key, value in read_json(path).items():
        try:
            value = json.loads(value)
        except (ValueError, TypeError):
            pass
        decoded[key] = value
    return decoded


def split_hyperparameters(hyperparameters):
    """environment.Environment.__init__ with mapping.split_by_criteria: sagemaker_* are consumed."""
    included = {k: v for k, v in hyperparameters.items() if k in SAGEMAKER_HYPERPARAMETERS or k.startswith(SAGEMAKER_PREFIX)}
    excluded = {k: v for k, v in hyperparameters.items() if k not in included}
    additional = {k: v for k, v in included.items() if k not in SAGEMAKER_HYPERPARAMETERS}
    return included, excluded, additional


def _decode(obj):
    """mapping._decode: None -> "", bytes -> latin1 text, anything else -> str(obj)."""
    if obj is None:
        return ""
    if isinstance(obj, bytes):
        return obj.decode("latin1")
    return str(obj)


def to_cmd_args(mapping):
    """mapping.to_cmd_args: sorted keys; "--key" ("-k" for one letter); dicts as k=v,k=v; str() values."""
    sorted_keys = sorted(mapping.keys())

    def arg_name(obj):
        string = _decode(obj)
        if string:
            return "--%s" % string if len(string) > 1 else "-%s" % string
        return ""

    def arg_value(value):
        if hasattr(value, "items"):
            return ",".join("%s=%s" % (k, v) for k, v in sorted(value.items()))
        return _decode(value)

    args = []
    for key in sorted_keys:
        args += [arg_name(key), arg_value(mapping[key])]
    return args


def to_env_vars(mapping):
    """mapping.to_env_vars: SM_<KEY upper>; strings as is, None as "", the rest as compact sorted JSON."""

    def format_value(value):
        if isinstance(value, bytes):
            return value.decode("latin1")
        if value is None:
            return ""
        if isinstance(value, str):
            return str(value)
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)

    return {("SM_%s" % str(k).upper()) if k else "": format_value(v) for k, v in mapping.items()}


def num_gpus():
    """environment.num_gpus: the GPU lines of `nvidia-smi --list-gpus`, 0 without it."""
    try:
        output = subprocess.check_output(["nvidia-smi", "--list-gpus"], stderr=subprocess.DEVNULL).decode("utf-8")
        return sum(1 for line in output.split("\n") if line.startswith("GPU "))
    except (OSError, subprocess.CalledProcessError):
        return 0


def module_name(program):
    return program[:-3] if program and program.endswith(".py") else program


def environment(base_dir, hyperparameters, resource_config, input_data_config):
    """environment.Environment.to_env_vars, for one host of a homogeneous cluster."""
    sagemaker_hps, user_hps, additional = split_hyperparameters(hyperparameters)
    program = sagemaker_hps.get(USER_PROGRAM_PARAM)
    channels = {name: os.path.join(base_dir, "input", "data", name) for name in input_data_config}
    group = resource_config.get("current_group_name", "homogeneousCluster")
    distributed = bool(additional.get(TORCH_DISTRIBUTED_PARAM, False))
    gpus = num_gpus()
    env = {
        "hosts": resource_config["hosts"],
        "network_interface_name": resource_config.get("network_interface_name", "eth0"),
        "hps": user_hps,
        "user_entry_point": program,
        "framework_params": additional,
        "resource_config": resource_config,
        "input_data_config": input_data_config,
        "output_data_dir": os.path.join(base_dir, "output", "data"),
        "channels": sorted(channels.keys()),
        "current_host": resource_config["current_host"],
        "current_instance_type": resource_config.get("current_instance_type", "local"),
        "current_instance_group": group,
        "current_instance_group_hosts": resource_config["hosts"],
        "instance_groups": [group],
        "instance_groups_dict": {g["instance_group_name"]: g for g in resource_config.get("instance_groups", [])},
        "distribution_instance_groups": [group] if distributed else [],
        "is_hetero": False,
        "module_name": module_name(program),
        "log_level": sagemaker_hps.get(LOG_LEVEL_PARAM, 20),
        "framework_module": os.environ.get("SAGEMAKER_TRAINING_MODULE"),
        "input_dir": os.path.join(base_dir, "input"),
        "input_config_dir": os.path.join(base_dir, "input", "config"),
        "output_dir": os.path.join(base_dir, "output"),
        "num_cpus": multiprocessing.cpu_count(),
        "num_gpus": gpus,
        "num_neurons": 0,
        "model_dir": os.path.join(base_dir, "model"),
        "module_dir": str(sagemaker_hps.get(SUBMIT_DIR_PARAM, os.path.join(base_dir, "code"))),
        "user_args": to_cmd_args(user_hps),
        "output_intermediate_dir": os.path.join(base_dir, "output", "intermediate"),
    }
    env["training_env"] = dict(env, job_name=os.environ.get("TRAINING_JOB_NAME"), hyperparameters=user_hps,
                               additional_framework_parameters=additional)
    for name, path in channels.items():
        env["channel_%s" % name] = path
    for key, value in user_hps.items():
        env["hp_%s" % key] = value
    return env, user_hps, additional, gpus


def entry_point_type(code_dir, name):
    """_entry_point_type.get."""
    if name.endswith(".sh"):
        return "COMMAND"
    if "setup.py" in os.listdir(code_dir):
        return "PYTHON_PACKAGE"
    if name.endswith(".py"):
        return "PYTHON_PROGRAM"
    return "COMMAND"


def entry_command(code_dir, program, args, distributed, gpus):
    """process.ProcessRunner._create_command and torch_distributed.TorchDistributedRunner._create_command."""
    kind = entry_point_type(code_dir, program)
    if distributed and kind == "PYTHON_PROGRAM":
        # One host: torchrun --nnodes 1 --nproc_per_node <GPUs, else 1> (runner._get_by_runner_type);
        # `python -m torch.distributed.run` is torchrun without relying on its console script.
        return [sys.executable, "-m", "torch.distributed.run", "--nnodes", "1", "--nproc_per_node", str(gpus or 1), program] + args
    if kind == "PYTHON_PACKAGE":
        return [sys.executable, "-m", program.replace(".py", "")] + args
    if kind == "PYTHON_PROGRAM":
        return [sys.executable, program] + args
    return ["/bin/sh", "-c", "./%s %s" % (program, " ".join(shlex.quote(a) for a in args))]


def map_opt_ml(value, base_dir):
    """Outside the mount namespace only: /opt/ml/... arguments point into the step's own root."""
    if base_dir != OPT_ML and (value == OPT_ML or value.startswith(OPT_ML + "/")):
        return base_dir + value[len(OPT_ML):]
    return value


def main():
    base_dir = os.environ.get(BASE_PATH_ENV, OPT_ML)
    config_dir = os.path.join(base_dir, "input", "config")
    hyperparameters = read_hyperparameters(os.path.join(config_dir, "hyperparameters.json"))
    resource_config = read_json(os.path.join(config_dir, "resourceconfig.json"))
    input_data_config = read_json(os.path.join(config_dir, "inputdataconfig.json"))
    env_map, user_hps, additional, gpus = environment(base_dir, hyperparameters, resource_config, input_data_config)
    program = env_map["user_entry_point"]
    if not program:
        sys.stderr.write("smpipe: no sagemaker_program hyperparameter: nothing to run\n")
        return 1
    code_dir = os.path.join(base_dir, "code")
    args = [map_opt_ml(a, base_dir) for a in to_cmd_args(user_hps)]
    env = dict(os.environ)
    env.update({k: map_opt_ml(v, base_dir) for k, v in to_env_vars(env_map).items()})
    # entry_point.install puts the code folder first on sys.path; write_env_vars exports it.
    env["PYTHONPATH"] = os.pathsep.join([code_dir] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    env[JOB_NAME_PARAM.upper()] = str(hyperparameters.get(JOB_NAME_PARAM, ""))
    env["CURRENT_HOST"] = resource_config["current_host"]
    env["SAGEMAKER_REGION"] = str(hyperparameters.get(REGION_NAME_PARAM, ""))
    # sagemaker_pytorch_container/training.py sets these before it starts the script; the host
    # name algo-1 does not resolve on this machine, the one host being this machine itself.
    env["MASTER_ADDR"] = "127.0.0.1"
    env["MASTER_PORT"] = "7777"
    command = entry_command(code_dir, program, args, bool(additional.get(TORCH_DISTRIBUTED_PARAM, False)), gpus)
    sys.stderr.write("smpipe: invoking script with the following command: %s\n" % " ".join(shlex.quote(c) for c in command))
    sys.stderr.flush()
    child = subprocess.Popen(command, cwd=code_dir, env=env)
    signal.signal(signal.SIGTERM, lambda signum, frame: child.send_signal(signal.SIGTERM))
    return child.wait()


if __name__ == "__main__":
    sys.exit(main())
