// Why an alert request did not go through, announced as it appears.
export function AlertProblem({ problem }: { problem: string | null }) {
  if (!problem) return null;
  return (
    <p className="alert-problem" role="alert">
      {problem}
    </p>
  );
}
