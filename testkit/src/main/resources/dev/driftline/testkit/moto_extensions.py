"""driftline's additions to moto 5.2.1, loaded by MotoLauncher before moto.server.main.

moto 5.2.1 has no SageMaker monitoring schedules (CreateMonitoringSchedule and
DescribeMonitoringSchedule answer HTTP 500 NotImplementedError), which
`driftline baseline import-sagemaker --monitoring-schedule` reads. This adds
them to moto's SageMaker handler: moto dispatches an action by calling the
handler's method named after it in snake_case, so adding the methods is enough.
Schedules are kept per backend (account and region) and go away with
POST /moto-api/reset, like moto's own state. Only what driftline reads is
modelled: the configuration is stored as sent and returned as is; status is
always Scheduled; no executions ever run.
"""
import json
import time

from moto.sagemaker.exceptions import ResourceNotFound, ValidationError
from moto.sagemaker.responses import SageMakerResponse


def _schedules(backend):
    # an attribute of the backend object, so moto's reset (new backend objects) clears it
    if not hasattr(backend, "_driftline_monitoring_schedules"):
        backend._driftline_monitoring_schedules = {}
    return backend._driftline_monitoring_schedules


def _arn(self, name):
    return "arn:aws:sagemaker:%s:%s:monitoring-schedule/%s" % (self.region, self.current_account, name.lower())


def create_monitoring_schedule(self):
    name = self._get_param("MonitoringScheduleName")
    config = self._get_param("MonitoringScheduleConfig")
    schedules = _schedules(self.sagemaker_backend)
    if name in schedules:
        raise ValidationError("Monitoring schedule %s already exists" % name)
    now = time.time()
    schedules[name] = {
        "MonitoringScheduleArn": _arn(self, name),
        "MonitoringScheduleName": name,
        "MonitoringScheduleStatus": "Scheduled",
        "MonitoringType": (config or {}).get("MonitoringType", "DataQuality"),
        "CreationTime": now,
        "LastModifiedTime": now,
        "MonitoringScheduleConfig": config or {},
    }
    return json.dumps({"MonitoringScheduleArn": schedules[name]["MonitoringScheduleArn"]})


def describe_monitoring_schedule(self):
    name = self._get_param("MonitoringScheduleName")
    schedule = _schedules(self.sagemaker_backend).get(name)
    if schedule is None:
        raise ResourceNotFound("Could not find monitoring schedule %s" % name)
    return json.dumps(schedule)


def delete_monitoring_schedule(self):
    name = self._get_param("MonitoringScheduleName")
    if _schedules(self.sagemaker_backend).pop(name, None) is None:
        raise ResourceNotFound("Could not find monitoring schedule %s" % name)
    return "{}"


for _f in (create_monitoring_schedule, describe_monitoring_schedule, delete_monitoring_schedule):
    setattr(SageMakerResponse, _f.__name__, _f)


# =====================================================================================================================
# Remediation: training jobs, pipeline executions and endpoint updates that take time, fail, stop and roll back.
#
# moto 5.2.1 completes a training job and a pipeline execution the moment they are created, cannot fail or stop
# either, has no UpdateEndpoint and no ListPipelineExecutionSteps, accepts a second CreateTrainingJob of the same
# name (AWS answers ResourceInUse), ignores StartPipelineExecution's ClientRequestToken (AWS returns the execution
# started with that token), and UpdateModelPackage drops the CustomerMetadataProperties it was not given (AWS keeps
# them). driftline's remediation is idempotent by describing before creating and polls until things settle, so its
# tests need these behaviours as AWS has them. Runs and endpoint updates with no settings behave as stock moto
# (done at once). The state is kept on the backend object, so POST /moto-api/reset clears it, and tests drive it
# through POST /moto-api/x/sagemaker/{training,pipeline-execution,endpoint} (see the testkit README).
# =====================================================================================================================
import os
import re

from moto.cloudwatch.models import cloudwatch_backends
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.moto_api._internal import urls as _moto_api_urls
from moto.sagemaker.exceptions import ResourceInUseException
from moto.sagemaker.models import SageMakerModelBackend, sagemaker_backends
from moto.sagemaker.utils import get_pipeline_execution_from_arn, get_pipeline_name_from_execution_arn


def _x(backend):
    if not hasattr(backend, "_driftline_x"):
        backend._driftline_x = {
            "training_default": None,  # settings for training jobs created later without their own
            "training_named": {},  # job name -> settings for that job when it is created
            "training_state": {},  # job name -> lifecycle
            "pipeline_default": None,
            "pipeline_named": {},  # execution display name -> settings
            "pipeline_state": {},  # execution ARN -> lifecycle (+ steps once finished)
            "endpoint_default": {"updating_polls": 1, "seconds": 0},
            "endpoint_named": {},  # endpoint name -> settings for its next updates
            "endpoint_state": {},  # endpoint name -> update in progress
        }
    return backend._driftline_x


def _lifecycle(settings):
    settings = settings or {}
    return {
        "polls_left": int(settings.get("in_progress_polls", 0)),
        "deadline": time.time() + float(settings.get("seconds", 0)),
        "metrics": settings.get("final_metrics"),
        "artifact": settings.get("artifact"),
        "fail": settings.get("fail"),
    }


def _due(state):
    """One describe: True once the run was described in_progress_polls times and its seconds are up."""
    if state["polls_left"] > 0:
        state["polls_left"] -= 1
        return False
    return time.time() >= state["deadline"]


# --- training jobs --------------------------------------------------------------------------------------------------
_orig_create_training_job = SageMakerModelBackend.create_training_job
_orig_describe_training_job = SageMakerModelBackend.describe_training_job


def _create_training_job(self, training_job_name, **kwargs):
    if training_job_name in self.training_jobs:
        raise ResourceInUseException(
            "Training job names must be unique within an AWS account and region, and a training job with this name "
            "already exists (%s)" % self.training_jobs[training_job_name].arn)
    job = _orig_create_training_job(self, training_job_name=training_job_name, **kwargs)
    x = _x(self)
    settings = x["training_named"].pop(training_job_name, None) or x["training_default"]
    if settings is not None:
        x["training_state"][training_job_name] = _lifecycle(settings)
        job.training_job_status = "InProgress"
        job.secondary_status = "Training"
        job.final_metric_data_list = None
        job.model_artifacts = None
        job.training_end_time = None
    return job


def _finish_training(job, state):
    now = utcnow()
    job.training_end_time = job.last_modified_time = now
    if state["fail"]:
        job.training_job_status = job.secondary_status = "Failed"
        job.failure_reason = state["fail"]
        return
    job.training_job_status = job.secondary_status = "Completed"
    metrics = state["metrics"] or {"train:progress": 100.0}
    job.final_metric_data_list = [
        {"MetricName": k, "Value": float(v), "Timestamp": now} for k, v in sorted(metrics.items())]
    job.model_artifacts = {"S3ModelArtifacts": state["artifact"] or os.path.join(
        job.output_data_config["S3OutputPath"], job.training_job_name, "output", "model.tar.gz")}


def _describe_training_job(self, training_job_name):
    job = self.training_jobs.get(training_job_name)
    state = _x(self)["training_state"].get(training_job_name)
    if job is not None and state is not None:
        if job.training_job_status == "InProgress" and _due(state):
            _finish_training(job, state)
        elif job.training_job_status == "Stopping":
            job.training_job_status = job.secondary_status = "Stopped"
            job.training_end_time = utcnow()
    return _orig_describe_training_job(self, training_job_name)


def stop_training_job(self):
    name = self._get_param("TrainingJobName")
    backend = self.sagemaker_backend
    job = backend.training_jobs.get(name)
    if job is None:
        raise ResourceNotFound("Requested resource not found: training job %s" % name)
    if job.training_job_status != "InProgress":
        raise ValidationError(
            "The request was rejected because the training job is in status %s." % job.training_job_status)
    # AWS: Stopping, then Stopped; here the next DescribeTrainingJob sees Stopped
    job.training_job_status = job.secondary_status = "Stopping"
    _x(backend)["training_state"].setdefault(name, _lifecycle(None))
    return ActionResult({})


SageMakerModelBackend.create_training_job = _create_training_job
SageMakerModelBackend.describe_training_job = _describe_training_job
SageMakerResponse.stop_training_job = stop_training_job


# --- pipeline executions --------------------------------------------------------------------------------------------
_orig_start_pipeline_execution = SageMakerModelBackend.start_pipeline_execution
_orig_describe_pipeline_execution = SageMakerModelBackend.describe_pipeline_execution


def _start_pipeline_execution(self, pipeline_name, pipeline_execution_display_name, pipeline_parameters,
                              pipeline_execution_description, parallelism_configuration, client_request_token):
    pipeline = self.pipelines.get(pipeline_name)
    if pipeline is not None and client_request_token:
        for arn, execution in pipeline.pipeline_executions.items():
            if execution.client_request_token == client_request_token:
                return {"PipelineExecutionArn": arn}  # AWS: the same token starts nothing new
    started = _orig_start_pipeline_execution(
        self, pipeline_name, pipeline_execution_display_name, pipeline_parameters, pipeline_execution_description,
        parallelism_configuration, client_request_token)
    arn = started["PipelineExecutionArn"]
    execution = self.pipelines[pipeline_name].pipeline_executions[arn]
    x = _x(self)
    settings = x["pipeline_named"].pop(pipeline_execution_display_name, None) or x["pipeline_default"]
    state = _lifecycle(settings)
    state["steps"] = []
    x["pipeline_state"][arn] = state
    execution.pipeline_execution_status = "Executing"
    if state["polls_left"] == 0 and time.time() >= state["deadline"]:  # no settings: done at once, as stock moto
        _finish_pipeline(self, pipeline_name, execution, state)
    return started


def _param_value(ref, params, definition):
    """Resolves {"Get": "Parameters.X"} against the execution's parameters, then the definition's defaults."""
    if isinstance(ref, dict) and isinstance(ref.get("Get"), str) and ref["Get"].startswith("Parameters."):
        name = ref["Get"][len("Parameters."):]
        for p in params or []:
            if p.get("Name") == name:
                return p.get("Value")
        for p in definition.get("Parameters", []):
            if p.get("Name") == name:
                return p.get("DefaultValue")
        return None
    if isinstance(ref, dict):
        return {k: _param_value(v, params, definition) for k, v in ref.items()}
    if isinstance(ref, list):
        return [_param_value(v, params, definition) for v in ref]
    return ref


def _finish_pipeline(backend, pipeline_name, execution, state):
    """Ends the execution; every Training step of its definition becomes a training job with the set metrics."""
    now = utcnow()
    try:
        definition = json.loads(execution.pipeline_definition_for_execution or "{}")
    except (TypeError, ValueError):
        definition = {}
    exec_id = execution.arn.rsplit("/", 1)[-1]
    for step in definition.get("Steps", []):
        entry = {"StepName": step.get("Name"), "StartTime": now, "EndTime": now,
                 "StepStatus": "Failed" if state["fail"] else "Succeeded", "Metadata": {}}
        if state["fail"]:
            entry["FailureReason"] = state["fail"]
        elif step.get("Type") == "Training":
            args = _param_value(step.get("Arguments", {}), execution.pipeline_parameters, definition)
            name = re.sub(r"[^a-zA-Z0-9-]", "-", "pipelines-%s-%s" % (exec_id, step.get("Name", "train")))[:63]
            output = args.get("OutputDataConfig") or {}
            if not isinstance(output.get("S3OutputPath"), str):
                output = {"S3OutputPath": "s3://sagemaker-pipelines/%s/%s" % (pipeline_name, exec_id)}
            job = _orig_create_training_job(
                backend, training_job_name=name, hyper_parameters=args.get("HyperParameters") or {},
                algorithm_specification=args.get("AlgorithmSpecification") or {}, role_arn=args.get("RoleArn"),
                input_data_config=args.get("InputDataConfig") or [], output_data_config=output,
                resource_config=args.get("ResourceConfig") or {}, vpc_config=None,
                stopping_condition=args.get("StoppingCondition") or {}, tags=[], enable_network_isolation=False,
                enable_inter_container_traffic_encryption=False, enable_managed_spot_training=False,
                checkpoint_config=None, debug_hook_config=None, debug_rule_configurations=None,
                tensor_board_output_config=None, experiment_config=None)
            _finish_training(job, state)
            entry["Metadata"] = {"TrainingJob": {"Arn": job.arn}}
        state["steps"].append(entry)
        if state["fail"]:
            break  # AWS stops at the failed step
    execution.pipeline_execution_status = "Failed" if state["fail"] else "Succeeded"
    execution.pipeline_execution_failure_reason = state["fail"]
    execution.last_modified_time = now


def _advance_pipeline(backend, arn):
    state = _x(backend)["pipeline_state"].get(arn)
    if state is None:
        return None
    execution = get_pipeline_execution_from_arn(backend.pipelines, arn)
    if execution.pipeline_execution_status == "Executing" and _due(state):
        _finish_pipeline(backend, get_pipeline_name_from_execution_arn(arn), execution, state)
    elif execution.pipeline_execution_status == "Stopping":
        execution.pipeline_execution_status = "Stopped"
    return state


def _describe_pipeline_execution(self, pipeline_execution_arn):
    _advance_pipeline(self, pipeline_execution_arn)
    described = _orig_describe_pipeline_execution(self, pipeline_execution_arn)
    reason = get_pipeline_execution_from_arn(self.pipelines, pipeline_execution_arn).pipeline_execution_failure_reason
    described["FailureReason"] = reason or ""
    return described


def list_pipeline_execution_steps(self):
    arn = self._get_param("PipelineExecutionArn")
    backend = self.sagemaker_backend
    get_pipeline_execution_from_arn(backend.pipelines, arn)  # ValidationException when missing, as AWS
    state = _x(backend)["pipeline_state"].get(arn) or {"steps": []}
    steps = list(state["steps"])
    if self._get_param("SortOrder", "Descending") == "Descending":
        steps.reverse()  # AWS lists the newest step first by default
    return ActionResult({"PipelineExecutionSteps": steps})


def stop_pipeline_execution(self):
    arn = self._get_param("PipelineExecutionArn")
    backend = self.sagemaker_backend
    execution = get_pipeline_execution_from_arn(backend.pipelines, arn)
    if execution.pipeline_execution_status == "Executing":
        execution.pipeline_execution_status = "Stopping"  # Stopped on the next describe
    return ActionResult({"PipelineExecutionArn": arn})


SageMakerModelBackend.start_pipeline_execution = _start_pipeline_execution
SageMakerModelBackend.describe_pipeline_execution = _describe_pipeline_execution
SageMakerResponse.list_pipeline_execution_steps = list_pipeline_execution_steps
SageMakerResponse.stop_pipeline_execution = stop_pipeline_execution


# --- UpdateEndpoint, with blue/green auto-rollback ------------------------------------------------------------------
_orig_describe_endpoint = SageMakerModelBackend.describe_endpoint


def update_endpoint(self):
    backend = self.sagemaker_backend
    name = self._get_param("EndpointName")
    config_name = self._get_param("EndpointConfigName")
    endpoint = backend.endpoints.get(name)
    if endpoint is None:
        raise ValidationError("Could not find endpoint \"%s\"." % name)
    if endpoint.endpoint_status != "InService":
        raise ValidationError("Cannot update in-progress endpoint \"%s\"." % endpoint.arn)
    config = backend.describe_endpoint_config(config_name)  # ValidationException when missing, as AWS
    deployment = self._get_param("DeploymentConfig")
    if deployment is None and self._get_param("RetainDeploymentConfig"):
        deployment = getattr(endpoint, "last_deployment_config", None)
    x = _x(backend)
    settings = x["endpoint_named"].get(name) or x["endpoint_default"]
    x["endpoint_state"][name] = {
        "target": config_name, "variants": config["ProductionVariants"], "previous": endpoint.endpoint_config_name,
        "deployment": deployment, "started": utcnow(), "rolling_back": None,
        "polls_left": int(settings.get("updating_polls", 1)),
        "deadline": time.time() + float(settings.get("seconds", 0)),
    }
    endpoint.endpoint_status = "Updating"
    endpoint.failure_reason = None
    endpoint.last_deployment_config = deployment
    endpoint.last_modified_time = utcnow()
    return ActionResult({"EndpointArn": endpoint.arn})


def _alarm_firing(backend, deployment):
    names = [a.get("AlarmName") for a in ((deployment or {}).get("AutoRollbackConfiguration") or {}).get("Alarms", [])]
    if not names:
        return None
    alarms = cloudwatch_backends[backend.account_id][backend.region_name].alarms
    for n in names:
        if n in alarms and alarms[n].state_value == "ALARM":
            return n
    return None


def _advance_endpoint(backend, name):
    x = _x(backend)
    state = x["endpoint_state"].get(name)
    endpoint = backend.endpoints.get(name)
    if state is None or endpoint is None:
        return None
    if state["rolling_back"]:
        # the describe after RollingBack: the previous config serves again, the reason stays visible
        endpoint.endpoint_status = "InService"
        endpoint.failure_reason = state["rolling_back"]
        del x["endpoint_state"][name]
        return None
    alarm = _alarm_firing(backend, state["deployment"])
    if alarm is not None:
        endpoint.endpoint_status = "RollingBack"
        state["rolling_back"] = ("Endpoint update rolled back: alarm %s went into ALARM during the deployment "
                                 "to %s" % (alarm, state["target"]))
        return state
    if _due(state):
        endpoint.endpoint_config_name = state["target"]
        endpoint.production_variants = endpoint._process_production_variants(state["variants"])
        for variant, declared in zip(endpoint.production_variants, state["variants"]):
            # moto leaves out weights of 0; AWS reports them
            weight = float(declared.get("InitialVariantWeight", 1.0))
            variant["CurrentWeight"] = variant["DesiredWeight"] = weight
        endpoint.endpoint_status = "InService"
        endpoint.last_modified_time = utcnow()
        del x["endpoint_state"][name]
        return None
    return state


def _describe_endpoint(self, endpoint_name):
    state = _advance_endpoint(self, endpoint_name)
    described = _orig_describe_endpoint(self, endpoint_name)
    if state is not None and not state["rolling_back"]:
        # AWS keeps the serving config as EndpointConfigName until the update completes
        described["PendingDeploymentSummary"] = {
            "EndpointConfigName": state["target"], "StartTime": state["started"],
            "ProductionVariants": [{"VariantName": v["VariantName"]} for v in state["variants"]]}
    return described


SageMakerResponse.update_endpoint = update_endpoint
SageMakerModelBackend.describe_endpoint = _describe_endpoint


# --- UpdateModelPackage keeps what it is not given -----------------------------------------------------------------
_orig_update_model_package = SageMakerModelBackend.update_model_package


def _update_model_package(self, model_package_arn, model_approval_status, approval_description,
                          customer_metadata_properties, customer_metadata_properties_to_remove,
                          additional_inference_specifications_to_add):
    package = self.model_packages.get(self.model_package_name_mapping.get(model_package_arn, model_package_arn))
    if package is not None:
        kept = dict(package.customer_metadata_properties or {})
        kept.update(customer_metadata_properties or {})
        customer_metadata_properties = kept or None
        if model_approval_status is None:
            model_approval_status = package.model_approval_status
        if approval_description is None:
            approval_description = package.approval_description
    return _orig_update_model_package(
        self, model_package_arn, model_approval_status, approval_description, customer_metadata_properties,
        customer_metadata_properties_to_remove, additional_inference_specifications_to_add)


SageMakerModelBackend.update_model_package = _update_model_package


# --- control endpoint: POST /moto-api/x/sagemaker/{training,pipeline-execution,endpoint} -----------------------------
def _control_body(request, headers):
    size = int(headers.get("Content-Length") or 0)
    raw = request.environ["wsgi.input"].read(size).decode("utf-8") if size else ""
    body = json.loads(raw) if raw.strip() else {}
    backend = sagemaker_backends[body.get("account_id", "123456789012")][body.get("region", "us-east-1")]
    return body, backend


def driftline_x_training(request, full_url, headers):
    """{"job"?: name, "in_progress_polls", "seconds", "final_metrics", "artifact", "fail"}: that job, else later ones."""
    body, backend = _control_body(request, headers)
    x = _x(backend)
    job_name = body.get("job")
    if job_name is None:
        x["training_default"] = body
    elif job_name in backend.training_jobs and backend.training_jobs[job_name].training_job_status == "InProgress":
        x["training_state"][job_name] = _lifecycle(body)  # a running job: new remaining lifecycle
    else:
        x["training_named"][job_name] = body
    return 200, {"Content-Type": "application/json"}, json.dumps({"ok": True})


def driftline_x_pipeline_execution(request, full_url, headers):
    """{"display_name"?: name, "in_progress_polls", "seconds", "final_metrics", "artifact", "fail"}."""
    body, backend = _control_body(request, headers)
    x = _x(backend)
    display = body.get("display_name")
    if display is None:
        x["pipeline_default"] = body
    else:
        x["pipeline_named"][display] = body
    return 200, {"Content-Type": "application/json"}, json.dumps({"ok": True})


def driftline_x_endpoint(request, full_url, headers):
    """{"endpoint"?: name, "updating_polls" (default 1), "seconds"}: how long UpdateEndpoint stays Updating."""
    body, backend = _control_body(request, headers)
    x = _x(backend)
    if body.get("endpoint") is None:
        x["endpoint_default"] = body
    else:
        x["endpoint_named"][body["endpoint"]] = body
    return 200, {"Content-Type": "application/json"}, json.dumps({"ok": True})


_moto_api_urls.url_paths["{0}/moto-api/x/sagemaker/training$"] = driftline_x_training
_moto_api_urls.url_paths["{0}/moto-api/x/sagemaker/pipeline-execution$"] = driftline_x_pipeline_execution
_moto_api_urls.url_paths["{0}/moto-api/x/sagemaker/endpoint$"] = driftline_x_endpoint
