import { LoginForm } from "@/components/actions/login-form";
import { currentAuth } from "@/lib/server/auth/guard";
import { safeReturnPath } from "@/lib/server/auth/viewer-gate";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Without an `auth` section there is nobody to sign in as: say so up front instead of offering a
  // form that can only fail.
  const { auth } = await currentAuth();
  return <LoginForm next={safeReturnPath(next)} configured={auth !== null} />;
}
