import { LoginForm } from "@/components/actions/login-form";
import { safeReturnPath } from "@/lib/server/auth/viewer-gate";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return <LoginForm next={safeReturnPath(next)} />;
}
