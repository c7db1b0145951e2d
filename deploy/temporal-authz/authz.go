// Gatehouse's authorizer and claim mapper for the Temporal server (issue 16 item 5).
//
// Temporal's default authorizer grants by Reader/Writer/Admin per namespace, and polling a task queue
// is a write: with it a deployer, who must write (start, signal, update), could also poll the
// pipeline's task queue or complete an activity by id. Here the role is the OU of the client
// certificate's subject (the stack's CA issues one certificate per role), and each role gets the
// calls it needs and nothing else:
//
//   - temporal-system: the server's own certificate (its system worker calls the frontend): all.
//   - admin: `gatehouse cluster init` (register namespaces, add search attributes): all.
//   - worker: reads, plus polling task queues and answering the tasks it polled (by task token).
//   - deployer: reads, plus starting deploymentPipeline and signalling/updating runs (approvals,
//     canary commands). No polling, no completion of tasks, no terminate/reset/delete.
//   - viewer: read-only calls (what the Web UI needs).
//
// Completing or heartbeating an activity *by id* is refused to every external role: workers answer
// tasks with the token their poll returned, and nobody else should answer for them.
package main

import (
	"context"
	"crypto/x509/pkix"
	"fmt"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/server/common/api"
	"go.temporal.io/server/common/authorization"
)

type role string

const (
	roleSystem   role = "temporal-system"
	roleAdmin    role = "admin"
	roleWorker   role = "worker"
	roleDeployer role = "deployer"
	roleViewer   role = "viewer"
)

// The workflow type a deployer may start: everything else (the canary, child workflows) is started
// by the pipeline itself, from a worker, as a workflow command.
const pipelineWorkflowType = "deploymentPipeline"

var knownRoles = map[string]role{
	string(roleSystem):   roleSystem,
	string(roleAdmin):    roleAdmin,
	string(roleWorker):   roleWorker,
	string(roleDeployer): roleDeployer,
	string(roleViewer):   roleViewer,
}

// Write calls a worker makes: poll, answer what it polled (by task token), heartbeat, shut down.
var workerWrites = map[string]bool{
	"PollWorkflowTaskQueue":        true,
	"PollActivityTaskQueue":        true,
	"PollNexusTaskQueue":           true,
	"RespondWorkflowTaskCompleted": true,
	"RespondWorkflowTaskFailed":    true,
	"RespondQueryTaskCompleted":    true,
	"RecordActivityTaskHeartbeat":  true,
	"RespondActivityTaskCompleted": true,
	"RespondActivityTaskFailed":    true,
	"RespondActivityTaskCanceled":  true,
	"RespondNexusTaskCompleted":    true,
	"RespondNexusTaskFailed":       true,
	"ResetStickyTaskQueue":         true,
	"ShutdownWorker":               true,
	"RecordWorkerHeartbeat":        true,
}

// Write calls a deployer makes: start the pipeline (checked below), approvals and canary commands.
var deployerWrites = map[string]bool{
	"StartWorkflowExecution":  true,
	"SignalWorkflowExecution": true,
	"UpdateWorkflowExecution": true,
}

// roleOf reads the role from the certificate subject: exactly one OU, naming a known role.
func roleOf(subject *pkix.Name) (role, error) {
	if subject == nil {
		return "", fmt.Errorf("no client certificate")
	}
	if len(subject.OrganizationalUnit) != 1 {
		return "", fmt.Errorf("certificate %q: expected exactly one OU naming a role, got %d", subject.CommonName, len(subject.OrganizationalUnit))
	}
	r, ok := knownRoles[subject.OrganizationalUnit[0]]
	if !ok {
		return "", fmt.Errorf("certificate %q: unknown role %q", subject.CommonName, subject.OrganizationalUnit[0])
	}
	return r, nil
}

// decide is the whole policy: a pure function of the role and the call.
func decide(r role, apiName string, request any) (bool, string) {
	if authorization.IsHealthCheckAPI(apiName) {
		return true, ""
	}
	switch r {
	case roleSystem, roleAdmin:
		return true, ""
	case roleWorker, roleDeployer, roleViewer:
	default:
		return false, "no Gatehouse role"
	}
	metadata := api.GetMethodMetadata(apiName)
	if metadata.Access == api.AccessReadOnly && (metadata.Scope == api.ScopeNamespace || metadata.Scope == api.ScopeCluster) {
		return true, ""
	}
	method := api.MethodName(apiName)
	isWorkflowService := api.ServiceName(apiName) == api.WorkflowServicePrefix
	switch r {
	case roleWorker:
		if isWorkflowService && workerWrites[method] {
			return true, ""
		}
	case roleDeployer:
		if isWorkflowService && deployerWrites[method] {
			if start, ok := request.(*workflowservice.StartWorkflowExecutionRequest); ok {
				if name := start.GetWorkflowType().GetName(); name != pipelineWorkflowType {
					return false, fmt.Sprintf("role deployer may start only %s, not %s", pipelineWorkflowType, name)
				}
			}
			return true, ""
		}
	}
	return false, fmt.Sprintf("role %s may not call %s", r, method)
}

type claimMapper struct{}

// GetClaims maps the verified client certificate to a role. A subject without a known role gets no
// role, and the authorizer then refuses everything but health checks.
func (claimMapper) GetClaims(authInfo *authorization.AuthInfo) (*authorization.Claims, error) {
	r, err := roleOf(authInfo.TLSSubject)
	if err != nil {
		return &authorization.Claims{Subject: "", Extensions: role("")}, nil
	}
	claims := &authorization.Claims{Subject: authInfo.TLSSubject.CommonName, Extensions: r}
	// The system role bits are informational (other interceptors read them); decisions are decide()'s.
	switch r {
	case roleSystem, roleAdmin:
		claims.System = authorization.RoleAdmin
	case roleWorker, roleDeployer:
		claims.System = authorization.RoleWriter
	case roleViewer:
		claims.System = authorization.RoleReader
	}
	return claims, nil
}

type authorizer struct{}

func (authorizer) Authorize(_ context.Context, claims *authorization.Claims, target *authorization.CallTarget) (authorization.Result, error) {
	r := role("")
	if claims != nil {
		if fromClaims, ok := claims.Extensions.(role); ok {
			r = fromClaims
		}
	}
	allowed, reason := decide(r, target.APIName, target.Request)
	if allowed {
		return authorization.Result{Decision: authorization.DecisionAllow}, nil
	}
	return authorization.Result{Decision: authorization.DecisionDeny, Reason: "gatehouse: " + reason}, nil
}
